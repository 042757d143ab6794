#!/usr/bin/env bash
# Runs asadmin batch files against the running DAS the way ./diego does: @PLACEHOLDERS@ substituted from the
# DIEGO_* settings (see common.sh), `asadmin multimode`, every command checked ("already exists" on create-*
# and "does not exist" on delete-* are tolerated). Rendered files: <state>/generated/, output:
# <state>/logs/asadmin-<name>.log.
#
#   glassfish-config/bin/run-asadmin-batch.sh glassfish-config/asadmin/30-resources.asadmin [more.asadmin ...]
#   glassfish-config/bin/run-asadmin-batch.sh --render FILE    # only render, print the result
set -uo pipefail
# shellcheck source=glassfish-config/bin/common.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"

[[ $# -ge 1 ]] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
if [[ "$1" == --render ]]; then
    shift; init_placeholders
    for f in "$@"; do render_batch "$f" > /dev/null && cat "$GEN_DIR/$(basename "$f")"; done
    exit
fi
[[ -x "$ASADMIN" ]] || die "no Payara runtime in $PAYARA_HOME (run ./diego up first)"
das_up || die "the DAS is not running on $DIEGO_HOST:$ADMIN_PORT"
init_placeholders
rc=0
for f in "$@"; do
    step "running $(basename "$f")"
    if run_batch "$f"; then ok ""; else echo FAILED; rc=1; fi
done
exit $rc
