package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Diego's Action: a struct of optional action kinds of which exactly one is set, e.g.
 * {@code {"serial": {"actions": [{"download": {...}}, {"run": {...}}]}}}. The JSON names are Diego's
 * ({@code download}, {@code run}, {@code try}, ...), not the protobuf field names ({@code download_action}).
 */
public record Action(
        DownloadAction download,
        UploadAction upload,
        RunAction run,
        TimeoutAction timeout,
        EmitProgressAction emitProgress,
        @JsonProperty("try") TryAction tryAction,
        ParallelAction parallel,
        SerialAction serial,
        CodependentAction codependent) {

    /** A run action alone, the common case. */
    public Action(RunAction run) {
        this(null, null, run, null, null, null, null, null, null);
    }

    public static Action of(DownloadAction a) {
        return new Action(a, null, null, null, null, null, null, null, null);
    }

    public static Action of(UploadAction a) {
        return new Action(null, a, null, null, null, null, null, null, null);
    }

    public static Action of(RunAction a) {
        return new Action(a);
    }

    public static Action of(TimeoutAction a) {
        return new Action(null, null, null, a, null, null, null, null, null);
    }

    public static Action of(EmitProgressAction a) {
        return new Action(null, null, null, null, a, null, null, null, null);
    }

    public static Action of(TryAction a) {
        return new Action(null, null, null, null, null, a, null, null, null);
    }

    public static Action of(ParallelAction a) {
        return new Action(null, null, null, null, null, null, a, null, null);
    }

    public static Action of(SerialAction a) {
        return new Action(null, null, null, null, null, null, null, a, null);
    }

    public static Action of(CodependentAction a) {
        return new Action(null, null, null, null, null, null, null, null, a);
    }

    /** Checks that exactly one kind is set and that it is valid; errors name e.g. {@code action.serial.actions[1].run.path}. */
    public void validate(String field) {
        List<String> set = kinds();
        if (set.size() != 1) {
            throw new ValidationException(field, "exactly one action must be set"
                    + (set.isEmpty() ? "" : ", got " + String.join(" and ", set)));
        }
        if (download != null) {
            download.validate(Validation.sub(field, "download"));
        } else if (upload != null) {
            upload.validate(Validation.sub(field, "upload"));
        } else if (run != null) {
            run.validate(Validation.sub(field, "run"));
        } else if (timeout != null) {
            timeout.validate(Validation.sub(field, "timeout"));
        } else if (emitProgress != null) {
            emitProgress.validate(Validation.sub(field, "emit_progress"));
        } else if (tryAction != null) {
            tryAction.validate(Validation.sub(field, "try"));
        } else if (parallel != null) {
            parallel.validate(Validation.sub(field, "parallel"));
        } else if (serial != null) {
            serial.validate(Validation.sub(field, "serial"));
        } else {
            codependent.validate(Validation.sub(field, "codependent"));
        }
    }

    /**
     * The first run action in depth-first order (e.g. the task's process, whose user wrote its result
     * file), or null when the tree runs nothing.
     */
    public RunAction firstRun() {
        if (run != null) {
            return run;
        }
        Action inner = timeout != null ? timeout.action() : tryAction != null ? tryAction.action()
                : emitProgress != null ? emitProgress.action() : null;
        if (inner != null) {
            return inner.firstRun();
        }
        List<Action> list = serial != null ? serial.actions() : parallel != null ? parallel.actions()
                : codependent != null ? codependent.actions() : List.of();
        for (Action a : list == null ? List.<Action>of() : list) {
            RunAction found = a == null ? null : a.firstRun();
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The JSON names of the kinds that are set. */
    private List<String> kinds() {
        List<String> set = new ArrayList<>();
        add(set, download, "download");
        add(set, upload, "upload");
        add(set, run, "run");
        add(set, timeout, "timeout");
        add(set, emitProgress, "emit_progress");
        add(set, tryAction, "try");
        add(set, parallel, "parallel");
        add(set, serial, "serial");
        add(set, codependent, "codependent");
        return set;
    }

    private static void add(List<String> set, Object kind, String name) {
        if (kind != null) {
            set.add(name);
        }
    }

    /** An inner action of a wrapper (timeout, try, emit_progress, sidecar): required and valid. */
    static void validateInner(String field, Action inner) {
        Validation.required(field, inner);
        inner.validate(field);
    }

    /** The actions of a serial/parallel/codependent action: at least one, each valid. */
    static void validateList(String field, List<Action> actions) {
        if (actions == null || actions.isEmpty()) {
            throw new ValidationException(field, "must contain at least one action");
        }
        Validation.each(field, actions, (at, a) -> a.validate(at));
    }
}
