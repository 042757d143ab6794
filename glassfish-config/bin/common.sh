# shellcheck shell=bash disable=SC2034
# Common settings and helpers of the Diego operational scripts. Sourced (not executed) by ./diego and by the
# other scripts in this directory.
#
# Precedence of settings: environment variables > config file > defaults. The config file is $DIEGO_CONFIG,
# or <repo>/diego.conf when present; it is a shell file assigning the DIEGO_* variables listed below.

DIEGO_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GFC_DIR="$DIEGO_HOME/glassfish-config"

# --- load the config file, keeping variables already set in the environment ---------------------------------
_diego_env_snapshot="$(for _v in $(compgen -v DIEGO_); do declare -p "$_v"; done)"
if [[ -n "${DIEGO_CONFIG:-}" ]]; then
    [[ -f "$DIEGO_CONFIG" ]] || { echo "[diego] config file DIEGO_CONFIG=$DIEGO_CONFIG not found" >&2; exit 2; }
    # shellcheck disable=SC1090
    source "$DIEGO_CONFIG"
elif [[ -f "$DIEGO_HOME/diego.conf" ]]; then
    # shellcheck disable=SC1091
    source "$DIEGO_HOME/diego.conf"
fi
eval "$_diego_env_snapshot"
unset _diego_env_snapshot _v

# --- settings ---------------------------------------------------------------------------------------------------
: "${DIEGO_STATE_DIR:=$DIEGO_HOME/.diego}"
: "${DIEGO_HOST:=127.0.0.1}"
: "${DIEGO_ADMIN_PORT:=24848}"
: "${DIEGO_HTTP_PORTS:=28080 29080}"
: "${DIEGO_DB_PORT:=23306}"
: "${DIEGO_DB_URL:=}"
: "${DIEGO_DB_USER:=diego}"
: "${DIEGO_DB_PASSWORD:=diego}"
: "${DIEGO_BROKER_HOST:=127.0.0.1}"
: "${DIEGO_BROKER_PORT:=27676}"
: "${DIEGO_BROKER_USER:=admin}"
: "${DIEGO_BROKER_PASSWORD:=admin}"
: "${DIEGO_CELLS:=2}"
: "${DIEGO_CELL_BACKEND:=auto}"
# A small, steady agent JVM: 250 containers fit in ~128 MB RSS with these (docs/14); C1 is enough for the rep.
: "${DIEGO_CELL_JAVA_OPTS=-Xms8m -Xmx40m -Xmn6m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xss256k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m}"
: "${DIEGO_APP_PROPERTIES:=}"
: "${DIEGO_EAR:=$DIEGO_HOME/diego-ear/target/diego.ear}"
: "${DIEGO_CELL_JAR:=$DIEGO_HOME/diego-cell-agent/target/diego-cell-agent.jar}"
: "${DIEGO_PAYARA_DIST:=$GFC_DIR/target/payara/payara6}"
: "${DIEGO_UP_TIMEOUT:=180}"
: "${DIEGO_ADMIN_PASSWORD_FILE:=}"   # asadmin --passwordfile (AS_ADMIN_PASSWORD=...) once the admin has a password

mkdir -p "$DIEGO_STATE_DIR"
STATE="$(cd "$DIEGO_STATE_DIR" && pwd)"
LOG_DIR="$STATE/logs"
PID_DIR="$STATE/pids"
GEN_DIR="$STATE/generated"
PAYARA_HOME="$STATE/payara6"
ASADMIN="$PAYARA_HOME/glassfish/bin/asadmin"
DOMAIN_DIR="$STATE/domains"
DOMAIN_NAME="diego"
DOMAIN_PATH="$DOMAIN_DIR/$DOMAIN_NAME"
NODE_DIR="$STATE/nodes"
NODE_NAME="diego-node"
DG_NAME="diego-dg"
APP_NAME="diego"
INSTANCES=(diego-i1 diego-i2)
MQ_VAR="$STATE/mq"
MQ_BROKER_NAME="diegobroker"

ADMIN_PORT="$DIEGO_ADMIN_PORT"
PORTBASE=$((ADMIN_PORT - 48))            # create-domain --portbase: admin = portbase + 48
DAS_HZ_PORT=$((PORTBASE + 49))           # create-domain puts the DAS Data Grid port at portbase + 49
read -r -a HTTP_PORTS <<< "$DIEGO_HTTP_PORTS"
if (( ${#HTTP_PORTS[@]} != ${#INSTANCES[@]} )); then
    echo "[diego] DIEGO_HTTP_PORTS must list ${#INSTANCES[@]} ports (got '$DIEGO_HTTP_PORTS')" >&2; exit 2
fi
I1_PORTBASE=$((HTTP_PORTS[0] - 80)); I2_PORTBASE=$((HTTP_PORTS[1] - 80))
I1_HZ_PORT=$((I1_PORTBASE + 49));    I2_HZ_PORT=$((I2_PORTBASE + 49))
: "${DIEGO_HZ_MEMBERS:=$DIEGO_HOST:$DAS_HZ_PORT,$DIEGO_HOST:$I1_HZ_PORT,$DIEGO_HOST:$I2_HZ_PORT}"

is_loopback() { [[ "$1" == 127.* || "$1" == localhost || "$1" == ::1 ]]; }

# Embedded DB unless an external one is configured.
if [[ -n "$DIEGO_DB_URL" ]]; then
    DB_EMBEDDED=false
    DB_URL="$DIEGO_DB_URL"
else
    DB_EMBEDDED=true
    DB_URL="jdbc:mysql://127.0.0.1:$DIEGO_DB_PORT/diego?useSSL=false&allowPublicKeyRetrieval=true&serverTimezone=UTC"
fi
# Local broker unless a remote broker host is configured (DIEGO_BROKER_START=true|false forces it).
if [[ -z "${DIEGO_BROKER_START:-}" ]]; then
    if is_loopback "$DIEGO_BROKER_HOST"; then DIEGO_BROKER_START=true; else DIEGO_BROKER_START=false; fi
fi

mkdir -p "$LOG_DIR" "$PID_DIR" "$GEN_DIR"

# --- output -----------------------------------------------------------------------------------------------------
say()  { echo "[diego] $*"; }
STEP_T0=$SECONDS
step() { STEP_T0=$SECONDS; printf '[diego] %s ... ' "$*"; }
ok()   { echo "ok (${1:+$1, }$((SECONDS - STEP_T0)) s)"; }
die()  { echo "[diego] ERROR: $*" >&2; exit 1; }
# step_fail <component> <message> <log>: ends a "step ..." line and exits.
step_fail() { echo "FAILED"; die "$1 did not start: $2${3:+ (log: $3)}"; }

# --- processes --------------------------------------------------------------------------------------------------
pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
read_pid()  { [[ -f "$1" ]] && tr -dc '0-9' < "$1"; }
# Pid of a component: database, broker, das, diego-iN, cell-N (empty when not running).
component_pid() {
    local pid=""
    case "$1" in
        das) pid="$(read_pid "$DOMAIN_PATH/config/pid")" ;;
        diego-i*) pid="$(read_pid "$NODE_DIR/$NODE_NAME/$1/config/pid")" ;;
        *) pid="$(read_pid "$PID_DIR/$1.pid")" ;;
    esac
    # a stale pid file (reboot, pid reuse) must not count: our processes all mention the state dir
    if pid_alive "$pid" && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$STATE/"; then echo "$pid"; fi
}
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
# wait_for <seconds> <command...>: polls every 0.5 s.
wait_for() {
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do
        (( SECONDS >= deadline )) && return 1
        sleep 0.5
    done
}
# kill_group <pid> [grace seconds]: SIGTERM to the process group led by pid (the process alone if it leads
# none), SIGKILL to whatever of the group is left after the grace period.
group_alive() { pgrep -g "$1" > /dev/null 2>&1; }
kill_group() {
    local pid="$1" grace="${2:-10}" pgid
    pid_alive "$pid" || return 0
    pgid="$(ps -o pgid= -p "$pid" | tr -d ' ')"
    if [[ -n "$pgid" && "$pgid" == "$pid" ]]; then
        kill -TERM -- "-$pgid" 2>/dev/null
        wait_for "$grace" eval "! group_alive $pgid" && return 0
        kill -KILL -- "-$pgid" 2>/dev/null
        wait_for 5 eval "! group_alive $pgid"
    else
        kill -TERM "$pid" 2>/dev/null
        wait_for "$grace" eval "! kill -0 $pid 2>/dev/null" && return 0
        kill -KILL "$pid" 2>/dev/null
        wait_for 5 eval "! kill -0 $pid 2>/dev/null"
    fi
}

# --- asadmin ----------------------------------------------------------------------------------------------------
# Remote asadmin against the DAS. TERM=dumb keeps JLine quiet.
das_asadmin() {
    local auth=()
    [[ -n "$DIEGO_ADMIN_PASSWORD_FILE" ]] && auth=(--user admin --passwordfile "$DIEGO_ADMIN_PASSWORD_FILE")
    TERM=dumb "$ASADMIN" --host "$DIEGO_HOST" --port "$ADMIN_PORT" "${auth[@]}" --interactive=false "$@"
}
# Local asadmin commands (create-domain, start-domain, stop-domain, stop-local-instance).
local_asadmin() { TERM=dumb "$ASADMIN" --interactive=false "$@"; }
das_up() { port_open "$DIEGO_HOST" "$ADMIN_PORT" && das_asadmin version >/dev/null 2>&1; }

# --- placeholders of the batch files in glassfish-config/asadmin ------------------------------------------------
mysql_jar() {   # the build's copy, else the one already added to the domain
    compgen -G "$GFC_DIR/target/lib/mysql-connector-j-*.jar" | head -n 1 \
        || compgen -G "$DOMAIN_PATH/lib/mysql-connector-j-*.jar" | head -n 1
}
hz_cluster_name() {
    if [[ -n "${DIEGO_HZ_CLUSTER_NAME:-}" ]]; then echo "$DIEGO_HZ_CLUSTER_NAME"; return; fi
    local f="$STATE/hazelcast-cluster-name"
    [[ -s "$f" ]] || echo "diego-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')" > "$f"
    cat "$f"
}
declare -A PLACEHOLDERS=()
PLACEHOLDERS_READY=false
init_placeholders() {
    PLACEHOLDERS_READY=true
    PLACEHOLDERS=(
        [HOST]="$DIEGO_HOST" [BIND_ADDRESS]="$DIEGO_HOST" [ADMIN_PORT]="$ADMIN_PORT" [NODE_DIR]="$NODE_DIR"
        [I1_PORTBASE]="$I1_PORTBASE" [I2_PORTBASE]="$I2_PORTBASE" [I1_HZ_PORT]="$I1_HZ_PORT" [I2_HZ_PORT]="$I2_HZ_PORT"
        [HZ_MEMBERS]="$DIEGO_HZ_MEMBERS" [HZ_CLUSTER_NAME]="$(hz_cluster_name)"
        [BROKER_HOST]="$DIEGO_BROKER_HOST" [BROKER_PORT]="$DIEGO_BROKER_PORT"
        [BROKER_USER]="$DIEGO_BROKER_USER" [BROKER_PASSWORD]="$DIEGO_BROKER_PASSWORD"
        [DB_URL]="$DB_URL" [DB_USER]="$DIEGO_DB_USER" [DB_PASSWORD]="$DIEGO_DB_PASSWORD"
        [MYSQL_JAR]="$(mysql_jar)" [EAR]="$DIEGO_EAR"
    )
}

# --- batch runner -------------------------------------------------------------------------------------------------
# run_batch <file> [log-name]: substitutes (unless RUN_BATCH_RAW is set) @PLACEHOLDERS@ into $GEN_DIR/<file name>, runs it with
# `asadmin multimode` and checks every command. multimode goes on after a failing command and its exit code
# only reflects the last one, so the output is parsed instead: a command may fail only with "already exists"
# (create-*, copy-config, add-*) or "does not exist" (delete-*); that is what makes re-runs idempotent.
render_batch() {   # render_batch <file> -> $GEN_DIR/<file name>; prints the number of commands
    local src="$1" gen line key commands=0
    gen="$GEN_DIR/$(basename "$src")"
    $PLACEHOLDERS_READY || init_placeholders
    : > "$gen"
    while IFS= read -r line || [[ -n "$line" ]]; do
        if [[ ! "$line" =~ ^[[:space:]]*(#|$) ]]; then
            [[ -n "${RUN_BATCH_RAW:-}" ]] || for key in "${!PLACEHOLDERS[@]}"; do
                line="${line//"@$key@"/"${PLACEHOLDERS[$key]}"}"
            done
            if [[ -z "${RUN_BATCH_RAW:-}" && "$line" =~ @[A-Z0-9_]+@ ]]; then
                echo "[diego] $src: unknown placeholder ${BASH_REMATCH[0]}" >&2; return 1
            fi
            commands=$((commands + 1))
        fi
        printf '%s\n' "$line" >> "$gen"
    done < "$src"
    echo "$commands"
}
run_batch() {
    local src="$1" name gen log commands
    name="$(basename "$src")"; gen="$GEN_DIR/$name"; log="$LOG_DIR/asadmin-${2:-${name%.asadmin}}.log"
    $PLACEHOLDERS_READY || init_placeholders    # not inside $(...): keep the values in this shell
    commands="$(render_batch "$src")" || return 1
    (( commands > 0 )) || return 0
    das_asadmin multimode --file "$gen" > "$log" 2>&1
    awk -v expected="$commands" -v file="$gen" '
        /^Command _/ { next }                                  # internal sub-commands (e.g. of create-instance)
        /^Command multimode / { next }
        /^Command [^ ]+ (executed successfully|completed with warnings)\.$/ { n++; msg = ""; offline = remote = 0; next }
        /^Command [^ ]+ failed\.$/ {
            n++; cmd = $2
            if ((cmd ~ /^(create-|copy-config|add-)/ && msg ~ /already exists|is trying to use the same directory/) ||
                (cmd ~ /^delete-/ && msg ~ /does not exist|not found|doesn.t exist/)) { skipped++ }
            # multimode reports some "completed with warnings" (config not replicated to stopped instances, which
            # read it at their next start) as failed
            else if (offline && !remote) { warned++ }
            else { bad++; printf "[diego]   %s #%d (%s) failed: %s\n", file, n, cmd, msg > "/dev/stderr" }
            msg = ""; offline = remote = 0; next
        }
        /^Warning: Instance .* seems to be offline; command .* was not replicated/ { offline = 1; next }
        /Unable to retrieve infocmp/ { next }
        { if (sub(/^remote failure: /, "")) remote = 1; if (length($0)) msg = msg (msg == "" ? "" : " | ") $0 }
        END {
            if (n != expected) { printf "[diego]   %s: %d of %d commands ran; last output: %s\n", file, n, expected, msg > "/dev/stderr"; exit 1 }
            exit bad ? 1 : 0
        }' "$log" || { echo "[diego]   see $log" >&2; return 1; }
}
