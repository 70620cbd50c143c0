# shellcheck shell=bash
# Sourced by bench/load.sh and bench/profile.sh: starts the planning service as in production (loopback,
# a bearer token from a temporary file, metrics and the access log on, the log to /dev/null) and waits for
# /livez (the probe that needs no token). After `start_service PORT NAME`: $pid is the server's, KSTAR_TOKEN is exported for wrk
# (bench/plan.lua), and on exit the server is stopped and every file in the array `cleanup` removed.
cleanup=()
stop_service() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  [ ${#cleanup[@]} -eq 0 ] || rm -f "${cleanup[@]}"
}
start_service() { # PORT NAME (the calling script's, for messages)
  local port="$1" name="$2" token_file up=false
  ./kstar --version >/dev/null # build and record the start-up caches first
  token_file="$(mktemp)"
  cleanup+=("$token_file")
  trap stop_service EXIT
  head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$token_file"
  KSTAR_TOKEN="$(cat "$token_file")"
  export KSTAR_TOKEN
  ./kstar serve --host 127.0.0.1 --port "$port" --token-file "$token_file" 2>/dev/null &
  pid=$!
  for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$port/livez" >/dev/null && { up=true; break; }
    sleep 0.5
  done
  [ "$up" = true ] || { echo "$name: the server did not answer /livez within 30 s" >&2; exit 1; }
}
