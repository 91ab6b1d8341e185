package dev.ferry.cli.help;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shell completion scripts of {@code ferry completion}, made from the command line's own model: command names
 * (with their topic, so {@code routes:<TAB>} lists {@code routes:add} and the rest), each command's flags, app
 * names after {@code -a}/{@code --app} (from {@code ferry apps}, so only apps the user can see), and files where a
 * command takes a file. bash's word splitting at {@code :} is undone by completing the whole word before the
 * cursor and offering only the part after its last colon, as bash-completion's {@code __ltrim_colon_completions} does.
 */
public final class CompletionScript {

    private CompletionScript() {
    }

    /** The bash script; {@code source <(ferry completion)}. */
    public static String bash(CommandLine root) {
        Map<String, CommandLine> commands = root.getSubcommands();
        StringBuilder flags = new StringBuilder();
        commands.forEach((name, command) -> flags.append("    ").append(name).append(") flags='")
                .append(String.join(" ", flags(command))).append("' ;;\n"));
        return """
                # bash completion for ferry: source <(ferry completion)
                _ferry() {
                  local line="${COMP_LINE:0:$COMP_POINT}" cur cmd last flags candidates words
                  cur="${line##*[[:space:]]}"
                  read -r -a words <<<"${line%"$cur"}"
                  cmd="${words[1]:-}"
                  last="${words[${#words[@]}-1]}"
                  if (( ${#words[@]} <= 1 )); then
                    candidates="@COMMANDS@"
                  elif [[ "$last" == "-a" || "$last" == "--app" ]]; then
                    candidates="$("${words[0]}" apps 2>/dev/null | awk 'NR > 1 { print $1 }')"
                  elif [[ "$cur" == -* ]]; then
                    case "$cmd" in
                @FLAGS@    *) flags='' ;;
                    esac
                    candidates="$flags"
                  elif [[ "$cmd" == help ]]; then
                    candidates="@TOPICS@"
                  else
                    return 0 # -o default: files
                  fi
                  mapfile -t COMPREPLY < <(compgen -W "$candidates" -- "$cur")
                  # bash splits words at ':' (COMP_WORDBREAKS): replace only what follows the last colon
                  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
                    local colon_prefix="${cur%%"${cur##*:}"}" i
                    for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]="${COMPREPLY[i]#"$colon_prefix"}"; done
                  fi
                }
                complete -o default -F _ferry ferry
                """.replace("@COMMANDS@", String.join(" ", commands.keySet())).replace("@FLAGS@", flags)
                .replace("@TOPICS@", topicsAndCommands(root));
    }

    /** The zsh script; {@code source <(ferry completion --shell zsh)} after {@code compinit}. */
    public static String zsh(CommandLine root) {
        Map<String, CommandLine> commands = root.getSubcommands();
        StringBuilder described = new StringBuilder();
        StringBuilder flags = new StringBuilder();
        commands.forEach((name, command) -> {
            described.append("    '").append(name.replace(":", "\\:")).append(':')
                    .append(GroupedCommandList.summary(command).replace("'", "'\\''")).append("'\n");
            flags.append("    (").append(name).append(") flags=(").append(String.join(" ", flags(command))).append(") ;;\n");
        });
        return """
                #compdef ferry
                # zsh completion for ferry: source <(ferry completion --shell zsh), after compinit
                _ferry() {
                  local -a commands flags apps
                  commands=(
                @COMMANDS@  )
                  if (( CURRENT == 2 )); then
                    _describe -t commands 'ferry command' commands
                    return
                  fi
                  if [[ ${words[CURRENT-1]} == (-a|--app) ]]; then
                    apps=(${(f)"$(${words[1]} apps 2>/dev/null | awk 'NR > 1 { print $1 }')"})
                    compadd -a apps
                    return
                  fi
                  if [[ $PREFIX == -* ]]; then
                    case ${words[2]} in
                @FLAGS@    esac
                    compadd -a flags
                    return
                  fi
                  _files
                }
                compdef _ferry ferry
                """.replace("@COMMANDS@", described).replace("@FLAGS@", flags);
    }

    private static List<String> flags(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (!option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    private static String topicsAndCommands(CommandLine root) {
        List<String> words = new ArrayList<>(root.getSubcommands().keySet());
        if (root.getCommand() instanceof dev.ferry.cli.FerryCommand ferry) {
            ferry.catalog().topics().forEach(t -> words.add(t.name()));
        }
        return String.join(" ", words.stream().distinct().toList());
    }
}
