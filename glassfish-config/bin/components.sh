# shellcheck shell=bash
# Start/stop/inspect functions of the Diego components. Sourced by ./diego after common.sh.

# --- Payara runtime: a private copy under the state dir, so `mvn clean` cannot pull it away from running servers.
ensure_runtime() {
    [[ -x "$ASADMIN" ]] && return 0
    [[ -x "$DIEGO_PAYARA_DIST/glassfish/bin/asadmin" ]] \
        || die "Payara distribution not found at $DIEGO_PAYARA_DIST (build glassfish-config: ./mvnw -DskipTests package)"
    rm -rf "$PAYARA_HOME.tmp"
    if ! cp -a "$DIEGO_PAYARA_DIST" "$PAYARA_HOME.tmp" || ! mv "$PAYARA_HOME.tmp" "$PAYARA_HOME"; then
        die "cannot copy Payara to $PAYARA_HOME"
    fi
    chmod +x "$PAYARA_HOME"/glassfish/bin/* "$PAYARA_HOME"/bin/* "$PAYARA_HOME"/mq/bin/* 2>/dev/null || true
}

# --- database (embedded MariaDB, org.diego.devdb.EmbeddedMariaDb) ----------------------------------------------
start_database() {
    if [[ "$DB_EMBEDDED" != true ]]; then say "database: external ($DB_URL), not started"; return 0; fi
    local pid log="$LOG_DIR/database.log"
    step "starting database"
    pid="$(component_pid database)"
    if [[ -n "$pid" ]]; then ok "already running, pid $pid"; return 0; fi
    port_open 127.0.0.1 "$DIEGO_DB_PORT" && step_fail database "port $DIEGO_DB_PORT is already in use by another process" ""
    [[ -f "$GFC_DIR/target/glassfish-config.jar" ]] || step_fail database "glassfish-config is not built" ""
    setsid java -Xmx128m -cp "$GFC_DIR/target/glassfish-config.jar:$GFC_DIR/target/lib/*" org.diego.devdb.EmbeddedMariaDb \
        --port "$DIEGO_DB_PORT" --state-dir "$STATE/db" --database diego \
        --user "$DIEGO_DB_USER" --password "$DIEGO_DB_PASSWORD" > "$log" 2>&1 < /dev/null 9>&- &
    pid=$!
    echo "$pid" > "$PID_DIR/database.pid"
    if ! wait_for 90 eval "grep -q '^READY' '$log' || ! kill -0 $pid 2>/dev/null"; then
        kill_group "$pid" 5; step_fail database "no READY within 90 s" "$log"
    fi
    pid_alive "$pid" || step_fail database "process exited" "$log"
    ok "pid $pid, 127.0.0.1:$DIEGO_DB_PORT"
}
stop_database() {
    local pid; pid="$(component_pid database)"
    [[ -z "$pid" ]] && return 0
    step "stopping database"; kill_group "$pid" 20; rm -f "$PID_DIR/database.pid"; ok
}

# --- broker (standalone OpenMQ from the Payara distribution) -------------------------------------------------
mq_passfile() {
    local f="$STATE/mq-admin.pass"
    ( umask 077; echo "imq.imqcmd.password=$DIEGO_BROKER_PASSWORD" > "$f" )
    echo "$f"
}
imqcmd() {   # imqcmd [-b host:port] args...
    local addr="$DIEGO_BROKER_HOST:$DIEGO_BROKER_PORT"
    [[ "${1:-}" == -b ]] && { addr="$2"; shift 2; }
    "$PAYARA_HOME/mq/bin/imqcmd" -b "$addr" -u "$DIEGO_BROKER_USER" -passfile "$(mq_passfile)" "$@"
}
start_broker() {
    local pid log="$LOG_DIR/broker.log" brokerlog="$MQ_VAR/instances/$MQ_BROKER_NAME/log/log.txt"
    if [[ "$DIEGO_BROKER_START" != true ]]; then
        say "broker: remote ($DIEGO_BROKER_HOST:$DIEGO_BROKER_PORT), not started"
    else
        step "starting broker"
        pid="$(component_pid broker)"
        if [[ -n "$pid" ]]; then
            ok "already running, pid $pid"
        else
            port_open "$DIEGO_BROKER_HOST" "$DIEGO_BROKER_PORT" \
                && step_fail broker "port $DIEGO_BROKER_PORT is already in use by another process" ""
            mkdir -p "$MQ_VAR"
            local logsize=0
            [[ -f "$brokerlog" ]] && logsize="$(stat -c %s "$brokerlog")"
            setsid "$PAYARA_HOME/mq/bin/imqbrokerd" -varhome "$MQ_VAR" -name "$MQ_BROKER_NAME" -port "$DIEGO_BROKER_PORT" \
                -Dimq.hostname="$DIEGO_BROKER_HOST" -Dimq.portmapper.hostname="$DIEGO_BROKER_HOST" \
                -Dimq.jmx.hostname="$DIEGO_BROKER_HOST" -Dimq.service.list=jms,admin \
                -Dimq.autocreate.queue.maxNumProducers=-1 -silent > "$log" 2>&1 < /dev/null 9>&- &
            pid=$!
            echo "$pid" > "$PID_DIR/broker.pid"
            echo "$DIEGO_BROKER_HOST:$DIEGO_BROKER_PORT" > "$STATE/broker.addr"
            # ready when this run's part of the broker log says "[B1039]: Broker ... ready."
            if ! wait_for 60 eval "tail -c +$((logsize + 1)) '$brokerlog' 2>/dev/null | grep -q B1039 || ! kill -0 $pid 2>/dev/null"; then
                kill_group "$pid" 5; step_fail broker "not ready within 60 s" "$brokerlog"
            fi
            pid_alive "$pid" || step_fail broker "process exited" "$log, $brokerlog"
            ok "pid $pid, mq://$DIEGO_BROKER_HOST:$DIEGO_BROKER_PORT"
        fi
    fi
    # Physical destinations of jms/diego/BbsQueue and jms/diego/LogsQueue (the broker would also auto-create
    # them on first use). Every cell is a producer on both: lift OpenMQ's default limit of 100 producers per queue.
    local queue
    for queue in diego.bbs diego.logs; do
        if ! imqcmd query dst -t q -n "$queue" > "$LOG_DIR/imqcmd.log" 2>&1; then
            imqcmd create dst -t q -n "$queue" -o maxNumProducers=-1 -f >> "$LOG_DIR/imqcmd.log" 2>&1 \
                || say "warning: could not create queue $queue on the broker (see $LOG_DIR/imqcmd.log)"
        else
            imqcmd update dst -t q -n "$queue" -o maxNumProducers=-1 -f >> "$LOG_DIR/imqcmd.log" 2>&1 || true
        fi
    done
}
stop_broker() {   # stops the broker started by `up` (whatever DIEGO_BROKER_* says now)
    local pid; pid="$(component_pid broker)"
    [[ -z "$pid" ]] && return 0
    step "stopping broker"
    # SIGTERM to the imqbrokerd script does not stop the broker JVM: shut it down via the admin service first.
    imqcmd -b "$(cat "$STATE/broker.addr" 2>/dev/null || echo "$DIEGO_BROKER_HOST:$DIEGO_BROKER_PORT")" \
        shutdown bkr -f > "$LOG_DIR/imqcmd.log" 2>&1
    wait_for 20 eval "! kill -0 $pid 2>/dev/null" || kill_group "$pid" 5
    rm -f "$PID_DIR/broker.pid"; ok
}

# --- DAS and domain ----------------------------------------------------------------------------------------------
domain_exists() { [[ -f "$DOMAIN_PATH/config/domain.xml" ]]; }

das_start_cmd() {
    local_asadmin start-domain --domaindir "$DOMAIN_DIR" "$DOMAIN_NAME" > "$LOG_DIR/asadmin-start-domain.log" 2>&1
}
das_stop_cmd() {
    local_asadmin stop-domain --domaindir "$DOMAIN_DIR" "$DOMAIN_NAME" > "$LOG_DIR/asadmin-stop-domain.log" 2>&1
}

# Batch files that make up the domain configuration (40-deploy is run by deploy_app).
domain_batch_files() {
    local f
    for f in "$GFC_DIR"/asadmin/[0-3]*.asadmin; do
        if [[ "$(basename "$f")" == 15-loopback.asadmin ]] && ! is_loopback "$DIEGO_HOST"; then continue; fi
        echo "$f"
    done
}
# Hash of the rendered batch files: when settings (DB URL, broker, ports, ...) change, `up` re-applies them.
config_fingerprint() (   # subshell: the placeholder tweak below stays local
    local f
    $PLACEHOLDERS_READY || init_placeholders
    PLACEHOLDERS[MYSQL_JAR]="$(basename "${PLACEHOLDERS[MYSQL_JAR]}")"   # where the jar comes from is irrelevant
    GEN_DIR="$(mktemp -d)"; trap 'rm -rf "$GEN_DIR"' EXIT
    for f in $(domain_batch_files); do
        render_batch "$f" > /dev/null || exit 1
        cat "$GEN_DIR/$(basename "$f")"
    done | sha256sum | cut -d' ' -f1
)
# Applies all batch files to the running DAS (idempotent). The DAS must be restarted afterwards.
configure_domain() {
    local f
    for f in $(domain_batch_files); do run_batch "$f" || return 1; done
    config_fingerprint > "$STATE/domain.configured"
}
any_instance_running() {
    local i
    for i in "${INSTANCES[@]}"; do [[ -n "$(component_pid "$i")" ]] && return 0; done
    return 1
}

# create-domain takes ~15 s (key generation); `up` starts it in the background while the database and the broker
# start, and start_das waits for it.
CREATE_DOMAIN_PID=""
create_domain_async() {
    domain_exists && return 0
    rm -rf "$DOMAIN_PATH" "$NODE_DIR" "$STATE/domain.configured" "$STATE/create-domain.rc"
    port_open "$DIEGO_HOST" "$ADMIN_PORT" && return 0    # reported by start_das
    ( local_asadmin create-domain --domaindir "$DOMAIN_DIR" --portbase "$PORTBASE" --nopassword=true \
          "$DOMAIN_NAME" > "$LOG_DIR/asadmin-create-domain.log" 2>&1 < /dev/null 9>&-
      echo $? > "$STATE/create-domain.rc" ) &
    CREATE_DOMAIN_PID=$!
}

start_das() {
    local pid want
    step "starting DAS"
    pid="$(component_pid das)"
    want="$(config_fingerprint)" || step_fail das "cannot render glassfish-config/asadmin/*.asadmin" ""
    if [[ -n "$pid" && "$want" == "$(cat "$STATE/domain.configured" 2>/dev/null)" ]]; then
        ok "already running, pid $pid"; return 0
    fi
    if [[ -n "$CREATE_DOMAIN_PID" ]] || ! domain_exists; then
        printf 'creating domain ... '
        [[ -n "$CREATE_DOMAIN_PID" ]] || create_domain_async
        [[ -n "$CREATE_DOMAIN_PID" ]] || step_fail das "admin port $ADMIN_PORT is already in use by another process" ""
        wait "$CREATE_DOMAIN_PID"; CREATE_DOMAIN_PID=""
        if [[ "$(cat "$STATE/create-domain.rc" 2>/dev/null)" != 0 ]] || ! domain_exists; then
            rm -rf "$DOMAIN_PATH"; step_fail das "create-domain failed" "$LOG_DIR/asadmin-create-domain.log"
        fi
    fi
    if [[ -z "$pid" ]]; then
        das_start_cmd || step_fail das "start-domain failed" "$DOMAIN_PATH/logs/server.log, $LOG_DIR/asadmin-start-domain.log"
    fi
    if [[ "$want" != "$(cat "$STATE/domain.configured" 2>/dev/null)" ]]; then
        if any_instance_running; then
            printf 'configuration changed, NOT applied while instances run (./diego down; ./diego up) ... '
        else
            if [[ -f "$STATE/domain.configured" ]]; then printf 're-'; fi
            printf 'configuring ... '
            configure_domain || step_fail das "domain configuration failed" "$LOG_DIR/asadmin-*.log"
            printf 'restarting ... '
            das_stop_cmd
            das_start_cmd || step_fail das "start-domain failed" "$DOMAIN_PATH/logs/server.log"
        fi
    fi
    pid="$(component_pid das)"
    [[ -n "$pid" ]] || step_fail das "not running after start-domain" "$DOMAIN_PATH/logs/server.log"
    ok "pid $pid, admin http://$DIEGO_HOST:$ADMIN_PORT"
}
stop_das() {
    local pid; pid="$(component_pid das)"
    [[ -z "$pid" ]] && return 0
    step "stopping DAS"
    das_stop_cmd
    wait_for 20 eval "! kill -0 $pid 2>/dev/null" || kill_group "$pid" 5
    ok
}

# --- application properties -> system properties of diego-config (MicroProfile Config reads system properties)
apply_app_properties() {
    [[ -n "$DIEGO_APP_PROPERTIES" ]] || return 0
    [[ -f "$DIEGO_APP_PROPERTIES" ]] || die "DIEGO_APP_PROPERTIES=$DIEGO_APP_PROPERTIES: no such file"
    local src="$STATE/app-properties.asadmin" line key value n=0
    {
        echo "# generated from $DIEGO_APP_PROPERTIES"
        while IFS= read -r line || [[ -n "$line" ]]; do
            line="${line%$'\r'}"
            [[ "$line" =~ ^[[:space:]]*([#!].*)?$ ]] && continue
            [[ "$line" == *=* ]] || { echo "[diego] $DIEGO_APP_PROPERTIES: ignoring line without '=': $line" >&2; continue; }
            key="${line%%=*}"; value="${line#*=}"
            key="${key#"${key%%[![:space:]]*}"}"; key="${key%"${key##*[![:space:]]}"}"
            value="${value#"${value%%[![:space:]]*}"}"
            [[ "$key" =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "[diego] $DIEGO_APP_PROPERTIES: ignoring invalid key '$key'" >&2; continue; }
            # In a multimode file, ":" and "=" inside a property value must be written as \\: and \\=
            value="$(printf '%s' "$value" | sed -e 's/:/\\\\:/g' -e 's/=/\\\\=/g')"
            echo "create-system-properties --target diego-config $key=$value"
            n=$((n + 1))
        done < "$DIEGO_APP_PROPERTIES"
    } > "$src.new"
    if cmp -s "$src.new" "$STATE/app-properties.applied"; then rm -f "$src.new"; return 0; fi
    mv "$src.new" "$src"
    step "applying $n application properties to diego-config"
    RUN_BATCH_RAW=1 run_batch "$src" app-properties \
        || { echo "FAILED"; die "application properties not applied (log: $LOG_DIR/asadmin-app-properties.log)"; }
    cp "$src" "$STATE/app-properties.applied"
    ok
}

# --- deployment group -----------------------------------------------------------------------------------------------
instance_state() { [[ -n "$(component_pid "$1")" ]] && echo running || echo stopped; }
start_dg() {
    local i missing=() pids=()
    step "starting deployment group $DG_NAME"
    for i in "${INSTANCES[@]}"; do [[ -n "$(component_pid "$i")" ]] || missing+=("$i"); done
    if (( ${#missing[@]} == 0 )); then
        for i in "${INSTANCES[@]}"; do pids+=("$i=$(component_pid "$i")"); done
        ok "already running, ${pids[*]}"; return 0
    elif (( ${#missing[@]} == ${#INSTANCES[@]} )); then
        das_asadmin start-deployment-group "$DG_NAME" > "$LOG_DIR/asadmin-start-dg.log" 2>&1
    else
        for i in "${missing[@]}"; do das_asadmin start-instance "$i" >> "$LOG_DIR/asadmin-start-dg.log" 2>&1; done
    fi
    for i in "${INSTANCES[@]}"; do
        [[ -n "$(component_pid "$i")" ]] || step_fail "$i" "instance not running" \
            "$NODE_DIR/$NODE_NAME/$i/logs/server.log, $LOG_DIR/asadmin-start-dg.log"
        pids+=("$i=$(component_pid "$i")")
    done
    ok "${pids[*]}"
}
stop_dg() {
    local i pid any=false
    for i in "${INSTANCES[@]}"; do [[ -n "$(component_pid "$i")" ]] && any=true; done
    $any || return 0
    step "stopping deployment group $DG_NAME"
    if das_up; then das_asadmin stop-deployment-group "$DG_NAME" > "$LOG_DIR/asadmin-stop-dg.log" 2>&1; fi
    for i in "${INSTANCES[@]}"; do
        pid="$(component_pid "$i")"; [[ -z "$pid" ]] && continue
        local_asadmin stop-local-instance --nodedir "$NODE_DIR" --node "$NODE_NAME" "$i" >> "$LOG_DIR/asadmin-stop-dg.log" 2>&1
        wait_for 15 eval "! kill -0 $pid 2>/dev/null" || kill_group "$pid" 5
    done
    ok
}

# --- application ----------------------------------------------------------------------------------------------------
app_deployed() { das_asadmin list-applications "$DG_NAME" 2>/dev/null | grep -q "^$APP_NAME "; }
deploy_app() {
    local sum marker="$STATE/deployed-ear.sha256"
    step "deploying $(basename "$DIEGO_EAR") to $DG_NAME"
    [[ -f "$DIEGO_EAR" ]] || step_fail application "EAR not found: $DIEGO_EAR" ""
    sum="$(sha256sum "$DIEGO_EAR" | cut -d' ' -f1)"
    if [[ "$(cat "$marker" 2>/dev/null)" == "$sum" ]] && app_deployed; then ok "unchanged, already deployed"; return 0; fi
    rm -f "$marker"
    if ! run_batch "$GFC_DIR/asadmin/40-deploy.asadmin" deploy 2>/dev/null; then
        # A deployment that failed on the instances can stay registered in the domain: clean up and retry once.
        das_asadmin undeploy --target domain "$APP_NAME" > "$LOG_DIR/asadmin-undeploy.log" 2>&1
        run_batch "$GFC_DIR/asadmin/40-deploy.asadmin" deploy \
            || step_fail application "deploy failed" "$LOG_DIR/asadmin-deploy.log, $NODE_DIR/$NODE_NAME/diego-i*/logs/server.log"
    fi
    echo "$sum" > "$marker"
    ok "application $APP_NAME"
}

# --- cell agents ----------------------------------------------------------------------------------------------------
CELL_FAILURES=()
# The backend options of a cell: process, runc or auto (runc where this host can run it, else process). A runc
# cell runs preloaded:cflinuxfs4 (and busybox) in a busybox rootfs built once under the state directory from the
# host's static busybox (Debian's busybox-static); where that cannot be built, auto falls back to processes.
cell_backend_args() {
    local backend="$1" n="$2" rootfs="$STATE/rootfs/busybox"
    if [[ "$backend" == process ]]; then echo "--backend process"; return; fi
    if [[ ! -x "$rootfs/bin/busybox" && $EUID -eq 0 ]] && command -v runc > /dev/null; then
        sh "$DIEGO_HOME/diego-cell-agent/src/main/scripts/build-busybox-rootfs.sh" "$rootfs" > "$LOG_DIR/rootfs.log" 2>&1 \
            || say "WARNING: could not build the busybox rootfs (log: $LOG_DIR/rootfs.log); runc cells fall back to processes"
    fi
    # Cells on one host need container networks of their own: cell n takes 10.253.(16(n-1)).0/20.
    local image="$STATE/rootfs/busybox-image.tar" args="--backend $backend --rootfs-dir cflinuxfs4=$rootfs --rootfs-dir busybox=$rootfs"
    args+=" --container-network 10.253.$(( (n - 1) * 16 % 256 )).0/20"
    [[ -f "$image" || ! -x "$rootfs/bin/busybox" ]] || busybox_image "$rootfs" "$image"
    [[ -f "$image" ]] && args+=" --image busybox=$image"
    echo "$args"
}
# The same busybox tree as a one-layer `docker save` archive, so docker_image "busybox" (e.g. an nsync app)
# runs on runc cells with no registry.
busybox_image() {
    local rootfs="$1" image="$2" dir diff
    dir="$(mktemp -d)" || return 0
    (cd "$rootfs" && tar -cf "$dir/layer.tar" .) || { rm -rf "$dir"; return 0; }
    diff="sha256:$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)"
    printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
        "$diff" > "$dir/config.json"
    printf '[{"Config":"config.json","RepoTags":["busybox:latest"],"Layers":["layer.tar"]}]' > "$dir/manifest.json"
    (cd "$dir" && tar -cf "$image.tmp" manifest.json config.json layer.tar) && mv "$image.tmp" "$image"
    rm -rf "$dir"
}
start_cells() {
    local n name pid log cp
    cp="$DIEGO_CELL_JAR:$(dirname "$DIEGO_CELL_JAR")/lib/*"
    for ((n = 1; n <= DIEGO_CELLS; n++)); do
        name="cell-$n"; log="$LOG_DIR/$name.log"
        step "starting $name"
        pid="$(component_pid "$name")"
        if [[ -n "$pid" ]]; then ok "already running, pid $pid"; continue; fi
        if [[ ! -f "$DIEGO_CELL_JAR" ]]; then
            echo "FAILED"; say "ERROR: $name did not start: $DIEGO_CELL_JAR not found (diego-cell-agent not built)"
            CELL_FAILURES+=("$name"); continue
        fi
        mkdir -p "$STATE/cells/$name"
        local backend_var="DIEGO_CELL_${n}_BACKEND" args_var="DIEGO_CELL_${n}_ARGS" args
        # shellcheck disable=SC2046,SC2206  # backend args and DIEGO_CELL_ARGS are word lists
        args=(--cell-id "$name" --zone "z$n" --broker "mq://$DIEGO_BROKER_HOST:$DIEGO_BROKER_PORT"
              --work-dir "$STATE/cells/$name" --memory-mb 4096 --disk-mb 8192 --containers 64
              $(cell_backend_args "${!backend_var:-$DIEGO_CELL_BACKEND}" "$n") ${DIEGO_CELL_ARGS:-} ${!args_var:-})
        # setsid: the agent leads its own process group, so `down` can kill it with its containers' processes.
        # Two malloc arenas: hundreds of process-reaper threads would otherwise spread native allocations.
        # shellcheck disable=SC2086
        MALLOC_ARENA_MAX=2 setsid java ${DIEGO_CELL_JAVA_OPTS:-} -cp "$cp" org.diego.cell.CellAgentMain "${args[@]}" \
            > "$log" 2>&1 < /dev/null 9>&- &
        pid=$!
        echo "$pid" > "$PID_DIR/$name.pid"
        printf '%q ' "${args[@]}" > "$PID_DIR/$name.args"   # for stop_cells' clean-up
        sleep 2
        if pid_alive "$pid"; then ok "pid $pid"; else
            echo "FAILED"; say "ERROR: $name did not start: process exited (log: $log)"; CELL_FAILURES+=("$name")
            rm -f "$PID_DIR/$name.pid"
        fi
    done
}
stop_cells() {
    local f name pid
    for f in "$PID_DIR"/cell-*.pid; do
        [[ -f "$f" ]] || continue
        name="$(basename "$f" .pid)"; pid="$(read_pid "$f")"
        if pid_alive "$pid"; then step "stopping $name"; kill_group "$pid" 5; ok; fi
        rm -f "$f"
        # runc containers outlive their agent (they are not in its process group): destroy them now rather
        # than at the next start, with the agent's own options.
        if [[ -f "$PID_DIR/$name.args" && -f "$DIEGO_CELL_JAR" ]] && grep -qE -- '--backend (runc|auto)' "$PID_DIR/$name.args"; then
            step "destroying $name's containers"
            local args
            eval "args=($(cat "$PID_DIR/$name.args"))"
            if java -cp "$DIEGO_CELL_JAR:$(dirname "$DIEGO_CELL_JAR")/lib/*" org.diego.cell.CellAgentMain "${args[@]}" \
                    --destroy-leftovers-and-exit >> "$LOG_DIR/$name.log" 2>&1 < /dev/null 9>&-; then
                ok
            else
                echo "FAILED (log: $LOG_DIR/$name.log)"
            fi
        fi
        rm -f "$PID_DIR/$name.args"
    done
}

# --- readiness --------------------------------------------------------------------------------------------------------
ping_code() {
    curl -s -o /dev/null -m 5 -w '%{http_code}' -X POST -H 'Content-Length: 0' "http://$DIEGO_HOST:$1/v1/ping" 2>/dev/null
}
wait_ping() {
    local port i deadline=$((SECONDS + DIEGO_UP_TIMEOUT)) pending
    step "waiting for POST /v1/ping on ${INSTANCES[*]}"
    while :; do
        pending=()
        for i in "${!INSTANCES[@]}"; do
            port="${HTTP_PORTS[$i]}"
            [[ "$(ping_code "$port")" == 200 ]] || pending+=("${INSTANCES[$i]}:$port")
        done
        (( ${#pending[@]} == 0 )) && { ok; return 0; }
        if (( SECONDS >= deadline )); then
            echo "FAILED"
            for i in "${pending[@]}"; do
                say "ERROR: ${i%%:*} does not answer POST http://$DIEGO_HOST:${i##*:}/v1/ping with 200 (last: $(ping_code "${i##*:}")); log: $NODE_DIR/$NODE_NAME/${i%%:*}/logs/server.log"
            done
            return 1
        fi
        sleep 2
    done
}
