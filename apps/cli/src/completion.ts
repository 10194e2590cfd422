/** A bash completion script for the command tree: group → verbs (empty for lone commands). */
export function bashCompletion(tree: Record<string, string[]>, globalFlags: string[]): string {
  const cases = Object.entries(tree)
    .filter(([, verbs]) => verbs.length)
    .map(([group, verbs]) => `    ${group}) words="${verbs.join(' ')}" ;;`)
    .join('\n');
  return `# bash completion for shoal; load it with: source <(shoal completion bash)
_shoal() {
  local cur=\${COMP_WORDS[COMP_CWORD]} i group="" words
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      --format|--context) ((i++)) ;;
      -*) ;;
      *) group=\${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${globalFlags.join(' ')}" -- "$cur"))
    return
  fi
  if [[ -z $group ]]; then
    COMPREPLY=($(compgen -W "${Object.keys(tree).join(' ')}" -- "$cur"))
    return
  fi
  if ((i + 1 == COMP_CWORD)); then
    case $group in
${cases}
    *) return ;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
}
complete -F _shoal shoal
`;
}
