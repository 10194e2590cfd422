import { Store } from './store';

describe('Store.reset', () => {
  it('replaces the state and tells the reset listeners the new applied index, until they stop listening', () => {
    const store = new Store();
    const heard: number[] = [];
    const off = store.onReset((index) => heard.push(index));
    store.reset([], 42);
    expect(store.appliedIndex).toBe(42);
    off();
    store.reset([], 50);
    expect(heard).toEqual([42]);
  });
});
