package org.diego.ejb.bridge.nsync;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.TaskRequestFromCC;
import org.diego.core.bridge.nsync.AppRecipeBuilder;
import org.diego.core.bridge.nsync.Recipes;
import org.diego.core.bridge.nsync.TaskRecipeBuilder;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.ValidationException;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.bbs.Tasks;

/**
 * The nsync listener's operations (Diego's nsync handlers). Each BBS write is its own transaction (this
 * bean has none), so a desire that loses a race to a concurrent one can look again and update instead:
 * Diego's two tries on conflict. Refusals are DiegoExceptions (ValidationException for bad input); the
 * web layer turns them into CC's status codes.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Nsync {
    private static final Logger LOG = Logger.getLogger(Nsync.class.getName());
    static final int TRIES = 2;

    @Inject
    NsyncConfig config;
    @Inject
    DesiredLrps desired;
    @Inject
    ActualLrps actuals;
    @Inject
    Tasks tasks;

    /** Creates the app's DesiredLRP, or updates instances, routes and etag of the existing one. */
    public void desireApp(String processGuid, DesireAppRequestFromCC app) {
        if (processGuid == null || !processGuid.equals(app.processGuid())) {
            throw new ValidationException("process_guid", "'" + app.processGuid()
                    + "' does not match the process guid of the path '" + processGuid + "'");
        }
        app.validate();
        AppRecipeBuilder recipes = new AppRecipeBuilder(config.recipeSettings());
        desireOrUpdate(new BbsLrps(desired), recipes, app);
    }

    /** The create-or-update loop, separate so it can be tested without a container. */
    static void desireOrUpdate(LrpStore store, AppRecipeBuilder recipes, DesireAppRequestFromCC app) {
        DiegoException last = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            DesiredLrp existing = store.find(app.processGuid());
            try {
                if (existing == null) {
                    store.desire(recipes.build(app));
                } else {
                    store.update(app.processGuid(), recipes.update(existing, app));
                }
                return;
            } catch (DiegoException e) {
                if (!conflict(e)) {
                    throw e;
                }
                last = e;
                int tried = attempt;
                LOG.fine(() -> "desire of " + app.processGuid() + " conflicted (try " + tried + "): " + e.getMessage());
            }
        }
        throw last;
    }

    static boolean conflict(DiegoException e) {
        return e.type() == ErrorType.ResourceExists || e.type() == ErrorType.ResourceConflict;
    }

    /** Removes the app's DesiredLRP (its instances stop); not found when there is none. */
    public void removeApp(String processGuid) {
        desired.remove(processGuid);
    }

    /** Retires one instance (Diego's kill index): convergence starts a fresh one if still desired. */
    public void retireIndex(String processGuid, int index) {
        if (index < 0) {
            throw new ValidationException("index", "must not be negative");
        }
        actuals.retire(new ActualLrpKey(processGuid, index, Recipes.APP_DOMAIN));
    }

    /** Desires a CC task in domain {@code cf-tasks}. */
    public void desireTask(TaskRequestFromCC task) {
        tasks.desire(task.taskGuid(), Recipes.TASK_DOMAIN, new TaskRecipeBuilder(config.recipeSettings()).build(task));
    }

    public void cancelTask(String taskGuid) {
        tasks.cancel(taskGuid);
    }
}
