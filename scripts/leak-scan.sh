#!/usr/bin/env bash
# Leak scan: a scripted session (init; a week of mood entries with notes and
# PHQ-9s; an event with a note; a mood check-in with a note typed in the TUI
# through tmux; an amend with a new note; keygen; exports sealed (native, FHIR,
# CSV) and with --no-notes; review in the TUI; a report written to a file;
# a backup to a folder; restores from the backup and from a passphrase-sealed
# export into new data folders; remind with a stand-in notify-send),
# then every file under the data folder, the config folder, $TMPDIR (a
# dedicated one for the whole session), the working folder and the (throwaway)
# home folder is searched for the marker text in the notes and for the
# passphrase. The only hit allowed: the report file the user asked for.
# The passphrase only ever lives in the environment; notes go in on stdin.
# usage: bash scripts/leak-scan.sh   (FOLLOWUP_BIN)
set -euo pipefail
source "$(dirname "$0")/tmux-session.sh" leak

# A throwaway home with XDG folders; followup's default paths (no FOLLOWUP_HOME).
export HOME=$work/home TZ=UTC LANG=C.UTF-8
export XDG_DATA_HOME=$HOME/.local/share XDG_CONFIG_HOME=$HOME/.config
export XDG_CACHE_HOME=$HOME/.cache XDG_STATE_HOME=$HOME/.local/state
export TMPDIR=$work/tmp
unset FOLLOWUP_HOME FOLLOWUP_PASSPHRASE_FILE FOLLOWUP_PASSPHRASE_COMMAND
mkdir -p "$HOME" "$TMPDIR" "$work/cwd"
cd "$work/cwd"
marker="LEAKMARK-$RANDOM$RANDOM-zq"
export FOLLOWUP_PASSPHRASE="leak scan passphrase $RANDOM$RANDOM xv"
data_dir=$XDG_DATA_HOME/followup
config_dir=$XDG_CONFIG_HOME/followup
steps=0
step() { steps=$((steps + 1)); }

"$bin" init --participant LEAK-01 --dosing-date "$(date -d '-14 days' +%F)" \
  --care-contact "Dr. Test, 555-0100" >/dev/null; step
[[ -f $data_dir/followup.db ]] || fail "init did not create $data_dir/followup.db"

# A week of mood entries with notes, PHQ-9s, tags; an event with a note.
for i in 7 6 5 4 3 2 1; do
  day=$(date -d "-$i days" +%F)
  printf 'Day %s: walked by the river, %s, felt lighter.\n' "$i" "$marker" |
    "$bin" log mood --mood $((3 + i % 5)) --anxiety 4 --sleep 7.5 --tag walk --note-file - --date "$day" >/dev/null
  "$bin" log phq9 --answers "1,$((i % 3)),1,0,1,0,0,1,0" --difficulty 1 --date "$day" >/dev/null
  step; step
done
printf 'Integration session with %s\n' "$marker" |
  "$bin" event add --kind integration --date "$(date -d '-2 days' +%F)" --note-file - >/dev/null; step

# Scan: every file under DIR, for the marker and the passphrase (contents and names).
scan_total_files=0 scan_total_bytes=0
declare -A seen
hits=()
scan() { # scan NAME DIR
  local name=$1 dir=$2 files=0 bytes=0 f size
  if [[ ! -d $dir ]]; then
    printf '  %-8s %s: does not exist\n' "$name" "$dir"
    return
  fi
  while IFS= read -r -d '' f; do
    files=$((files + 1))
    size=$(stat -c %s "$f")
    bytes=$((bytes + size))
    [[ -n ${seen[$f]:-} ]] && continue
    seen[$f]=1
    scan_total_files=$((scan_total_files + 1)) scan_total_bytes=$((scan_total_bytes + size))
    if grep -qaF -- "$marker" "$f"; then hits+=("marker in $f"); fi
    if grep -qaF -- "$FOLLOWUP_PASSPHRASE" "$f"; then hits+=("passphrase in $f"); fi
    case $f in *"$marker"* | *"$FOLLOWUP_PASSPHRASE"*) hits+=("marker or passphrase in the file name $f") ;; esac
  done < <(find "$dir" -type f -print0)
  printf '  %-8s %s: %d files, %d bytes\n' "$name" "$dir" "$files" "$bytes"
}
# While an app is open: the files at that moment (WAL, shm, any temp file).
mid_scans=0
scan_now() { # scan_now LABEL
  local before=${#hits[@]} d f n=0 h
  for d in "$data_dir" "$config_dir" "$TMPDIR" "$work/cwd"; do
    [[ -d $d ]] || continue
    while IFS= read -r -d '' f; do
      n=$((n + 1))
      if grep -qaF -- "$marker" "$f"; then hits+=("marker in $f ($1)"); fi
      if grep -qaF -- "$FOLLOWUP_PASSPHRASE" "$f"; then hits+=("passphrase in $f ($1)"); fi
    done < <(find "$d" -type f -print0)
  done
  mid_scans=$((mid_scans + 1))
  echo "  scan while $1: $n files ($(cd "$data_dir" && ls -A | tr '\n' ' ')in the data folder), $((${#hits[@]} - before)) hits"
}

# Today's check-in in the TUI (through tmux): m, mood 7, Tab to the note, type, Ctrl-S.
on_screen() { tmx capture-pane -p -t "$1" 2>/dev/null | grep -qF -- "$2"; }
wait_screen() { # wait_screen SESSION TEXT SECONDS
  local end=$((SECONDS + $3))
  until on_screen "$1" "$2"; do
    ((SECONDS < end)) || fail "not on the screen after $3 s: $2; screen: $(tmx capture-pane -p -t "$1" 2>/dev/null)"
    sleep 0.2
  done
}
wait_gone() { # the app in session $1 quit
  local end=$((SECONDS + $2))
  while tmx has-session -t "$1" 2>/dev/null; do
    ((SECONDS < end)) || fail "$1: the app did not quit: $(tmx capture-pane -p -t "$1")"
    sleep 0.2
  done
}
keys() { local s=$1 k; shift; for k in "$@"; do tmx send-keys -t "$s" "$k"; sleep 0.15; done; }
# the tmux server starts here and passes this environment (HOME, XDG_*, TMPDIR,
# the passphrase) to the app; remain-on-exit off: the session ends with the app
tmx new-session -d -s tui -x 100 -y 32 "$bin"
wait_screen tui Dashboard 20
keys tui m
wait_screen tui "Mood entry for" 10
keys tui 7 Tab Tab Tab Tab
tmx send-keys -t tui -l "Checked in from the app: $marker"
sleep 0.3
on_screen tui "$marker" || fail "the note did not reach the mood form: $(tmx capture-pane -p -t tui)"
scan_now "the TUI holds a typed, unsaved note"
keys tui C-s
wait_screen tui "mood ✓" 10
scan_now "the TUI is open after saving it"
keys tui q
wait_gone tui 10; step

# Amend today's entry with a new note.
today_id=$("$bin" list --json | python3 -c 'import json,sys; print([e["id"] for e in json.load(sys.stdin) if e["instrument"]=="mood" and e["date"]==sys.argv[1]][0])' "$(date +%F)")
printf 'Amended note, still %s\n' "$marker" | "$bin" amend "$today_id" --note-file - --mood 6 --reason "typo" >/dev/null; step

# The session really stored the marker (otherwise the scan would prove nothing).
notes=$("$bin" list --json | python3 -c 'import json,sys; print(sum(1 for e in json.load(sys.stdin) if (e.get("note") or "").count(sys.argv[1])))' "$marker")
((notes == 8)) || fail "expected 8 current notes with the marker, found $notes"

# Therapist identity (config folder), exports in the working folder.
pub=$("$bin" keygen 2>/dev/null | grep -o 'age1[0-9a-z]*' | head -n1); step
[[ -f $config_dir/identity.txt ]] || fail "keygen did not write $config_dir/identity.txt"
"$bin" export -r "$pub" -o sealed.native.age >/dev/null; step
"$bin" export -r "$pub" --format fhir -o sealed.fhir.age >/dev/null; step
"$bin" export -r "$pub" --format csv --armor -o sealed.csv.age >/dev/null; step
"$bin" export -r "$pub" --no-notes -o no-notes.native.age >/dev/null; step
# the sealed export carries the notes, the --no-notes one does not (decrypted in memory)
age -d -i "$config_dir/identity.txt" sealed.native.age | grep -qF "$marker" ||
  fail "the sealed export does not hold the notes"
if age -d -i "$config_dir/identity.txt" no-notes.native.age | grep -qF "$marker"; then
  fail "the --no-notes export holds a note"
fi

# Review in the TUI, then quit.
tmx new-session -d -s review -x 100 -y 32 "$bin review sealed.native.age -i $config_dir/identity.txt"
wait_screen review LEAK-01 20
keys review Tab
sleep 0.5
scan_now "the review is open"
keys review q
sleep 0.3
if tmx has-session -t review 2>/dev/null; then keys review q; fi
wait_gone review 10; step

# The report the user asks for, as a file.
"$bin" report sealed.native.age -i "$config_dir/identity.txt" -o report.md 2>/dev/null; step
[[ -s report.md ]] || fail "no report written"

# Backup to a "USB stick" folder, restores into new data folders, a reminder.
"$bin" backup --create --to "$work/cwd/usb" >/dev/null; step
FOLLOWUP_EXPORT_PASSPHRASE="leak scan export $RANDOM" sh -c '"$1" export --passphrase -o mine.age >/dev/null &&
  FOLLOWUP_HOME="$2" "$1" restore mine.age --care-contact "Dr. Test" >/dev/null' _ "$bin" "$HOME/restored-from-export"; step
FOLLOWUP_HOME=$HOME/restored-from-backup "$bin" restore "$(ls "$work"/cwd/usb/followup-*.db)" >/dev/null; step
for d in restored-from-export restored-from-backup; do
  FOLLOWUP_HOME=$HOME/$d "$bin" list --json | grep -qF "$marker" || fail "$d: the restored database does not hold the notes"
done
mkdir -p "$work/stand-in"
printf '#!/bin/sh\necho "$*" >> "%s/notified"\n' "$work" >"$work/stand-in/notify-send"
chmod +x "$work/stand-in/notify-send"
PATH="$work/stand-in:$PATH" "$bin" remind >/dev/null; step
[[ -s $work/notified ]] || fail "remind did not call notify-send"
if grep -qF "$marker" "$work/notified"; then fail "the notification holds a note"; fi

echo "leak scan after $steps steps (marker in 8 current notes and 1 event note; the passphrase only in the environment), $mid_scans scans while an app was open, and now:"
scan data "$data_dir"
scan config "$config_dir"
scan TMPDIR "$TMPDIR"
scan cwd "$work/cwd"
scan home "$HOME"
echo "  distinct files scanned: $scan_total_files, $scan_total_bytes bytes"
echo "  files in the data folder: $(cd "$data_dir" && ls -A | tr '\n' ' ')"
echo "  files in the working folder: $(ls -A | tr '\n' ' ')"

allowed="marker in $work/cwd/report.md"  # only in the final scan: the report is written last
bad=0
for h in "${hits[@]}"; do
  if [[ $h == "$allowed" ]]; then
    echo "  allowed: the report the user asked for holds the marker (report.md)"
  else
    echo "FAIL: $h" >&2
    bad=$((bad + 1))
  fi
done
((bad == 0)) || fail "$bad leak(s) found"
echo "leak scan passed: no marker and no passphrase outside report.md ($SECONDS s, binary $bin)"
