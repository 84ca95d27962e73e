package sprintfstrconv

import "fmt"

// Formats a reviewer reads better as they are (fzf's tmux and shell templates).

// paneCommand has four arguments: more than max-arguments (3).
// allocfix: finding
func paneCommand(setup, sh, temp, code string) string {
	return fmt.Sprintf("%s%s %s; echo $? > %s", setup, sh, temp, code)
}

// script is a shell script written over several lines.
// allocfix: finding
func script(pane, code string) string {
	return fmt.Sprintf(`id=$(%s) || exit 1
rm -f %s`, pane, code)
}

// schemeHostPort has three arguments: still rewritten.
// allocfix: rewrite
func schemeHostPort(scheme, host, port string) string {
	return fmt.Sprintf("%s://%s:%s", scheme, host, port)
}

// labelOption puts its arguments on a line of their own: one long line after a rewrite.
// allocfix: finding
func labelOption(option, label string) string {
	return fmt.Sprintf(`tmux set-option -p %s %s 2> /dev/null; `,
		option, label)
}

// manRef formats a decimal literal with %d: its digits join the text (cli/cli's man pages).
// allocfix: rewrite
func manRef(page string) string {
	return fmt.Sprintf("%s(%d)", page, 1)
}
