#!/usr/bin/env bash
# Terminal restore: the TUI, started from an interactive bash inside tmux, is
# ended by SIGTERM, by SIGHUP, and by a panic (F12 with
# FOLLOWUP_TEST_PANIC_KEY=F12). Afterwards, in that same shell:
#   - `stty` settings are what they were before the app started (echo, icanon,
#     isig, icrnl, opost... all back), checked with `stty -a` and `stty -g`
#   - tmux reports the main screen (alternate_on=0), a visible cursor
#     (cursor_flag=1) and no mouse reporting (mouse_any_flag=0)
#   - the bytes the pane received leave no terminal mode switched on (focus
#     reporting ?1004, mouse ?1000-?1006, alternate screen ?1049/?47, hidden
#     cursor ?25)
# A control run first: a program that sets raw mode, the alternate screen, a
# hidden cursor and focus reporting and then dies on SIGTERM must be caught by
# every one of these checks, so a pass means something.
# The app runs under a small `sh` wrapper, so bash sees a normal exit and
# keeps whatever terminal state the app left (bash restores its own saved tty
# state after a job killed by a signal, which would hide a broken restore).
# usage: bash scripts/terminal-restore.sh   (FOLLOWUP_BIN)
set -euo pipefail
source "$(dirname "$0")/tmux-session.sh" restore
export TZ=UTC

mkdir -m 700 "$work/data"
printf 'restore test passphrase %s\n' "$RANDOM" >"$work/pass"
FOLLOWUP_HOME=$work/data FOLLOWUP_PASSPHRASE_FILE=$work/pass \
  "$bin" init --participant TERM-01 --dosing-date "$(date -d '-20 days' +%F)" >/dev/null
FOLLOWUP_HOME=$work/data FOLLOWUP_PASSPHRASE_FILE=$work/pass "$bin" log mood --mood 6 >/dev/null

# The wrapper the shell runs: records the program's pid (it execs into it),
# then its exit status.
cat >"$work/run.sh" <<'SH'
#!/bin/sh
name=$1; shift
sh -c 'echo $$ > "$1.pid"; shift; exec "$@"' sh "$W/$name" "$@"
echo $? > "$W/$name.exit"
SH
# The control: breaks the terminal and dies on SIGTERM without restoring it.
cat >"$work/breaker.py" <<'PY'
import sys, time, tty
tty.setraw(0)
sys.stdout.write("\033[?1049h\033[?25l\033[?1004h\033[?1000h\033[?1006hBROKEN-TERMINAL Dashboard")
sys.stdout.flush()
time.sleep(60)
PY

wait_for() { # wait_for SECONDS DESCRIPTION TEST-COMMAND...
  local limit=$1 what=$2 end
  shift 2
  end=$((SECONDS + limit))
  until "$@"; do
    ((SECONDS < end)) || return 1
    sleep 0.1
  done
}
on_screen() { tmx capture-pane -p -t "$1" | grep -qF -- "$2"; }

# check NAME: everything the shell's terminal should be after the app is gone;
# prints the problems, returns the number of problems
check() {
  local name=$1 problems=() flag modes
  for flag in echo icanon isig iexten icrnl opost onlcr; do
    grep -qE "(^|[ ;])$flag([ ;]|$)" "$work/$name.stty" || problems+=("stty: -$flag (off)")
  done
  [[ $(cat "$work/$name.sttyg") == $(cat "$work/$name.before") ]] ||
    problems+=("stty -g differs from before the app: $(diff <(tr ':' '\n' <"$work/$name.before") <(tr ':' '\n' <"$work/$name.sttyg") | grep '^[<>]' | tr '\n' ' ')")
  read -r alt cur mouse <<<"$(tmx display -p -t "$name" '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')"
  ((alt == 0)) || problems+=("tmux: still on the alternate screen (alternate_on=$alt)")
  ((cur == 1)) || problems+=("tmux: cursor hidden (cursor_flag=$cur)")
  ((mouse == 0)) || problems+=("tmux: mouse reporting on (mouse_any_flag=$mouse)")
  # the last setting of each DEC private mode in the bytes the pane received
  # (bracketed paste, ?2004, is readline's own and left out)
  modes=$(python3 - "$work/$name.stream" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
last = {}
for m in re.finditer(rb"\x1b\[\?([0-9;]+)([hl])", data):
    for mode in m.group(1).split(b";"):
        if mode:
            last[int(mode)] = m.group(2).decode()
bad = []
for mode, state in sorted(last.items()):
    if mode in (1004, 1000, 1002, 1003, 1005, 1006, 1015, 1049, 1047, 47) and state == "h":
        bad.append(f"?{mode} left on")
    if mode == 25 and state == "l":
        bad.append("?25 cursor left hidden")
print("; ".join(bad))
PY
)
  [[ -z $modes ]] || problems+=("terminal modes in the pane's output: $modes")
  printf '%s\n' "${problems[@]}"
  return ${#problems[@]}
}

# scenario NAME ENDING PROGRAM...: start PROGRAM from bash in a fresh tmux
# session, end it (term, hup or panic), then check the shell's terminal
scenario() {
  local name=$1 ending=$2 pid rc problems
  shift 2
  tmx new-session -d -s "$name" -x 100 -y 30 \
    "env -i PATH=$PATH HOME=$work TERM=screen-256color TZ=UTC LANG=C.UTF-8 W=$work \
       FOLLOWUP_HOME=$work/data FOLLOWUP_PASSPHRASE_FILE=$work/pass FOLLOWUP_TEST_PANIC_KEY=F12 \
       PS1='restore-test\$ ' bash --norc --noprofile -i"
  tmx pipe-pane -o -t "$name" "cat >> $work/$name.stream"
  wait_for 10 "the prompt" on_screen "$name" 'restore-test$' || fail "$name: no shell prompt"
  tmx send-keys -t "$name" "stty -g > $work/$name.before; clear" Enter
  wait_for 10 "stty baseline" test -s "$work/$name.before" || fail "$name: no stty baseline"
  tmx send-keys -t "$name" "sh $work/run.sh $name $*" Enter
  wait_for 20 "the dashboard" on_screen "$name" Dashboard ||
    fail "$name: the app did not show its dashboard: $(tmx capture-pane -p -t "$name")"
  wait_for 5 "the pid" test -s "$work/$name.pid" || fail "$name: no pid"
  pid=$(cat "$work/$name.pid")
  read -r alt <<<"$(tmx display -p -t "$name" '#{alternate_on}')"
  ((alt == 1)) || fail "$name: the app is not on the alternate screen while running (test is not meaningful)"
  sleep 0.5
  case $ending in
    term) kill -TERM "$pid" ;;
    hup) kill -HUP "$pid" ;;
    panic) tmx send-keys -t "$name" F12 ;;
  esac
  if ! wait_for 10 "exit" test -s "$work/$name.exit"; then
    kill -KILL "$pid" 2>/dev/null || true
    fail "$name: the app was still running 10 s after the $ending"
  fi
  rc=$(cat "$work/$name.exit")
  # back in the same shell: record the terminal settings
  tmx send-keys -t "$name" "stty -a > $work/$name.stty; stty -g > $work/$name.sttyg" Enter
  wait_for 10 "stty" test -s "$work/$name.sttyg" || fail "$name: the shell did not run stty: $(tmx capture-pane -p -t "$name")"
  sleep 0.3
  set +e
  problems=$(check "$name")
  nproblems=$?
  set -e
  result_rc=$rc result_problems=$problems result_n=$nproblems
  tmx kill-session -t "$name" 2>/dev/null || true
}

# The control must fail every check.
scenario control term python3 "$work/breaker.py"
((result_n >= 5)) || fail "control: a broken terminal was not caught (only $result_n problems: $result_problems)"
echo "control (raw mode, alternate screen, hidden cursor, focus and mouse reporting, then SIGTERM): caught, $result_n problems found as expected:"
printf '%s\n' "$result_problems" | sed 's/^/    /'


passed=0
for ending in term hup panic; do
  scenario "app-$ending" "$ending" "$bin"
  if ((result_n > 0)); then
    echo "FAIL: after $ending (exit status $result_rc):" >&2
    printf '  %s\n' "$result_problems" >&2

  else
    echo "ok: after $ending (exit status $result_rc): echo, icanon on, stty as before, main screen, cursor visible, no terminal mode left on"
    passed=$((passed + 1))
  fi
done
echo "terminal restore: $passed of 3 endings restored the terminal ($SECONDS s, binary $bin)"
((passed == 3))
