/** The answers to one (pre-)vote round: won with a quorum of grants, lost once a quorum is out of reach. */
export class Tally {
  private readonly answers = new Map<string, boolean>();

  constructor(
    private readonly voters: number,
    private readonly quorum: number,
  ) {}

  record(voter: string, granted: boolean): void {
    this.answers.set(voter, granted);
  }

  result(): 'won' | 'lost' | 'pending' {
    let granted = 0;
    let rejected = 0;
    for (const v of this.answers.values()) {
      if (v) granted++;
      else rejected++;
    }
    if (granted >= this.quorum) return 'won';
    if (rejected > this.voters - this.quorum) return 'lost';
    return 'pending';
  }
}
