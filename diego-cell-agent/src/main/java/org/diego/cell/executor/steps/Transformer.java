package org.diego.cell.executor.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.diego.core.model.Action;
import org.diego.core.model.CachedDependency;
import org.diego.core.model.Check;
import org.diego.core.model.CheckDefinition;
import org.diego.core.model.CodependentAction;
import org.diego.core.model.DownloadAction;
import org.diego.core.model.EmitProgressAction;
import org.diego.core.model.HttpCheck;
import org.diego.core.model.ParallelAction;
import org.diego.core.model.RunAction;
import org.diego.core.model.SerialAction;
import org.diego.core.model.TcpCheck;
import org.diego.core.model.TimeoutAction;
import org.diego.core.model.TryAction;

/**
 * Turns a recipe into its step tree, as Diego's executor transformer does: cached dependencies, then
 * setup, then the action together with its health monitoring in a codependent step (the legacy monitor
 * action, or the declarative checks and readiness checks). The tree is ready, and the container RUNNING,
 * once the action's process runs and the startup check, if any, has passed; the first of action and
 * monitor to fail ends it.
 */
public final class Transformer {
    /** Diego's source name for declarative check output when the check definition names none. */
    static final String HEALTH_SOURCE = "HEALTH";

    private final StepSettings settings;

    public Transformer(StepSettings settings) {
        this.settings = settings;
    }

    /**
     * The container's steps. {@code readiness} hears each change of readiness when the recipe has
     * readiness checks (true: routable).
     */
    public Step build(StepTarget target, Recipe recipe, Consumer<Boolean> readiness) {
        return build(target, recipe, readiness, StepLog.forContainer(target.handle(), recipe.logGuid(),
                recipe.logSource()));
    }

    /** As {@link #build(StepTarget, Recipe, Consumer)}, writing what the steps log to {@code log}. */
    public Step build(StepTarget target, Recipe recipe, Consumer<Boolean> readiness, StepLog log) {
        if (recipe.action() == null) {
            throw new IllegalArgumentException("container cannot have empty action");
        }
        List<Step> sequence = new ArrayList<>();
        if (!recipe.cachedDependencies().isEmpty()) {
            List<Step> downloads = new ArrayList<>();
            for (CachedDependency d : recipe.cachedDependencies()) {
                DownloadAction download = new DownloadAction(d.name(), d.from(), d.to(), d.cacheKey(), d.logSource(),
                        null, d.checksumAlgorithm(), d.checksumValue());
                downloads.add(new DownloadStep(target, download, log.withSource(d.logSource()), settings));
            }
            sequence.add(new ParallelStep(downloads));
        }
        if (recipe.setup() != null) {
            sequence.add(stepFor(log, recipe.setup(), target, false, false));
        }
        Step action = stepFor(log, recipe.action(), target, false, false);
        List<Step> longLived = new ArrayList<>(List.of(action));
        CheckDefinition checks = recipe.checkDefinition();
        if (checks != null) {
            if (!checks.checks().isEmpty()) {
                longLived.add(healthChecks(log, target, recipe));
            }
            if (!checks.readinessChecks().isEmpty()) {
                longLived.add(readinessChecks(log, target, checks, readiness));
            }
        } else if (recipe.monitor() != null) {
            longLived.add(monitor(log, target, recipe));
        }
        Step main = longLived.size() > 1 ? new CodependentStep(longLived, false, false) : action;
        sequence.add(main);
        return sequence.size() == 1 ? main : new SerialStep(sequence);
    }

    /** One action's step; monitor actions suppress exit statuses and report their sub-steps' output. */
    Step stepFor(StepLog log, Action action, StepTarget target, boolean suppressExitStatus, boolean monitor) {
        if (action.run() != null) {
            RunAction run = action.run();
            return new RunStep(target, run, log.withSource(run.logSource()), settings, suppressExitStatus);
        }
        if (action.download() != null) {
            return new DownloadStep(target, action.download(), log.withSource(action.download().logSource()), settings);
        }
        if (action.upload() != null) {
            return new UploadStep(target, action.upload(), log.withSource(action.upload().logSource()), settings);
        }
        if (action.emitProgress() != null) {
            EmitProgressAction a = action.emitProgress();
            return new EmitProgressStep(stepFor(log, a.action(), target, suppressExitStatus, monitor),
                    a.startMessage(), a.successMessage(), a.failureMessagePrefix(), log.withSource(a.logSource()));
        }
        if (action.timeout() != null) {
            TimeoutAction a = action.timeout();
            Step inner = stepFor(log.withSource(a.logSource()), a.action(), target, suppressExitStatus, monitor);
            return new TimeoutStep(inner, Duration.ofMillis(a.timeoutMs()), settings.scheduler());
        }
        if (action.tryAction() != null) {
            TryAction a = action.tryAction();
            return new TryStep(stepFor(log.withSource(a.logSource()), a.action(), target, suppressExitStatus, monitor));
        }
        if (action.parallel() != null) {
            ParallelAction a = action.parallel();
            return new ParallelStep(children(log.withSource(a.logSource()), a.actions(), target, suppressExitStatus,
                    monitor));
        }
        if (action.codependent() != null) {
            CodependentAction a = action.codependent();
            return new CodependentStep(children(log.withSource(a.logSource()), a.actions(), target, suppressExitStatus,
                    monitor), true, false);
        }
        if (action.serial() != null) {
            SerialAction a = action.serial();
            List<Step> steps = new ArrayList<>();
            for (Action child : a.actions()) {
                steps.add(stepFor(log, child, target, suppressExitStatus, monitor));
            }
            return new SerialStep(steps);
        }
        throw new IllegalArgumentException("unknown action: " + action);
    }

    private List<Step> children(StepLog log, List<Action> actions, StepTarget target, boolean suppressExitStatus,
                                boolean monitor) {
        List<Step> steps = new ArrayList<>();
        for (Action child : actions) {
            if (monitor) {
                StepLog.Buffer buffer = new StepLog.Buffer(log.source());
                steps.add(new OutputWrapperStep(stepFor(buffer, child, target, suppressExitStatus, true), buffer, ""));
            } else {
                steps.add(stepFor(log, child, target, suppressExitStatus, false));
            }
        }
        return steps;
    }

    /** The legacy monitor: startup every unhealthy interval until start_timeout, then liveness. */
    private Step monitor(StepLog log, StepTarget target, Recipe recipe) {
        Action monitor = withLogOutput(recipe.monitor());
        Supplier<Step> check = () -> stepFor(log, monitor, target, true, true);
        Step startup = new EventuallySucceedsStep(check, settings.unhealthyMonitoringInterval(),
                Duration.ofMillis(recipe.startTimeoutMs()), settings.clock(), settings.scheduler());
        Step liveness = new ConsistentlySucceedsStep(check, settings.healthyMonitoringInterval(), settings.scheduler());
        return new HealthCheckStep(startup, liveness, log, log, settings.clock());
    }

    private Step healthChecks(StepLog log, StepTarget target, Recipe recipe) {
        CheckDefinition definition = recipe.checkDefinition();
        StepLog healthLog = log.withSource(healthSource(definition));
        Duration startTimeout = Duration.ofMillis(recipe.startTimeoutMs());
        List<Step> startup = new ArrayList<>();
        List<Step> liveness = new ArrayList<>();
        for (Check check : definition.checks()) {
            Probe probe = probe(target, check);
            startup.add(new CheckLoopStep(CheckLoopStep.Mode.STARTUP, probe.factory(),
                    settings.unhealthyMonitoringInterval(), startTimeout, settings.scheduler()));
            liveness.add(new CheckLoopStep(CheckLoopStep.Mode.LIVENESS, probe.factory(), probe.interval(), null,
                    settings.scheduler()));
        }
        return new HealthCheckStep(new ParallelStep(startup), new CodependentStep(liveness, false, false), log,
                healthLog, settings.clock());
    }

    private Step readinessChecks(StepLog log, StepTarget target, CheckDefinition definition,
                                 Consumer<Boolean> readiness) {
        List<Probe> probes = definition.readinessChecks().stream().map(c -> probe(target, c)).toList();
        Function<CheckLoopStep.Mode, List<Step>> loops = mode -> probes.stream()
                .map(p -> (Step) new CheckLoopStep(mode, p.factory(),
                        mode == CheckLoopStep.Mode.UNTIL_READY ? settings.unhealthyMonitoringInterval() : p.interval(),
                        null, settings.scheduler()))
                .toList();
        return new ReadinessStep(() -> new ParallelStep(loops.apply(CheckLoopStep.Mode.UNTIL_READY)),
                () -> new CodependentStep(loops.apply(CheckLoopStep.Mode.READINESS), true, true), readiness,
                log.withSource(healthSource(definition)));
    }

    /** A check's probe with Diego's defaults applied: timeout, path "/", interval the healthy interval. */
    private record Probe(Supplier<Step> factory, Duration interval) {
    }

    private Probe probe(StepTarget target, Check check) {
        if (check.tcpCheck() != null) {
            TcpCheck tcp = check.tcpCheck();
            Duration timeout = orDefault(tcp.connectTimeoutMs(), settings.checkTimeout());
            return new Probe(() -> ProbeStep.tcp(target.info(), tcp.port(), timeout, settings.io()),
                    orDefault(tcp.intervalMs(), settings.healthyMonitoringInterval()));
        }
        HttpCheck http = check.httpCheck();
        Duration timeout = orDefault(http.requestTimeoutMs(), settings.checkTimeout());
        String path = http.path() == null || http.path().isEmpty() ? "/" : http.path();
        return new Probe(
                () -> ProbeStep.http(settings.http(), target.info(), http.port(), path, timeout, settings.io()),
                orDefault(http.intervalMs(), settings.healthyMonitoringInterval()));
    }

    private static Duration orDefault(long millis, Duration fallback) {
        return millis > 0 ? Duration.ofMillis(millis) : fallback;
    }

    private static String healthSource(CheckDefinition definition) {
        return definition.logSource() == null || definition.logSource().isEmpty() ? HEALTH_SOURCE
                : definition.logSource();
    }

    /** Diego never suppresses a monitor's output: it becomes the crash reason. */
    static Action withLogOutput(Action a) {
        if (a.run() != null) {
            RunAction r = a.run();
            return Action.of(new RunAction(r.path(), r.args(), r.dir(), r.env(), r.resourceLimits(), r.user(),
                    r.logSource(), false, r.volumeMountedFiles()));
        }
        if (a.tryAction() != null) {
            return Action.of(new TryAction(withLogOutput(a.tryAction().action()), a.tryAction().logSource()));
        }
        if (a.parallel() != null) {
            List<Action> actions = a.parallel().actions().stream().map(Transformer::withLogOutput).toList();
            return Action.of(new ParallelAction(actions, a.parallel().logSource()));
        }
        if (a.serial() != null) {
            return Action.of(new SerialAction(a.serial().actions().stream().map(Transformer::withLogOutput).toList(),
                    a.serial().logSource()));
        }
        if (a.codependent() != null) {
            return Action.of(new CodependentAction(a.codependent().actions().stream()
                    .map(Transformer::withLogOutput).toList(), a.codependent().logSource()));
        }
        if (a.emitProgress() != null) {
            EmitProgressAction e = a.emitProgress();
            return Action.of(new EmitProgressAction(withLogOutput(e.action()), e.startMessage(), e.successMessage(),
                    e.failureMessagePrefix(), e.logSource()));
        }
        if (a.timeout() != null) {
            TimeoutAction t = a.timeout();
            return Action.of(new TimeoutAction(withLogOutput(t.action()), t.logSource(), t.timeoutMs()));
        }
        return a;
    }
}
