# Sourced by the scripts that drive followup in tmux:
#   source "$(dirname "$0")/tmux-session.sh" NAME
# sets $bin (FOLLOWUP_BIN, default target/debug/followup), a work folder
# $work and a tmux server of its own ($sock, driven with `tmx`), both removed
# on exit; `fail MESSAGE` stops the script. A script with more to clean up
# defines `extra_cleanup` before sourcing this.
bin=$(realpath "${FOLLOWUP_BIN:-target/debug/followup}")
command -v tmux >/dev/null || { echo "tmux is needed: apt-get install -y tmux" >&2; exit 2; }
work=$(mktemp -d)
sock=followup-$1-$$
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
  if declare -F extra_cleanup >/dev/null; then extra_cleanup; fi
  tmx kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
