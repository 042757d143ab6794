package org.diego.cell.executor.steps;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.diego.cell.garden.BackendException;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.ContainerDetails;
import org.diego.cell.garden.ContainerInfo;
import org.diego.cell.garden.ContainerProcess;
import org.diego.cell.garden.ContainerSpec;
import org.diego.cell.garden.ProcessBackend;
import org.diego.cell.garden.ProcessOptions;
import org.diego.cell.garden.ProcessSpec;

/** The process backend, but with Garden events the test sets (as the runc backend reports an OOM kill). */
final class EventfulBackend implements ContainerBackend {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final ProcessBackend real;

    EventfulBackend(ProcessBackend real) {
        this.real = real;
    }

    @Override
    public ContainerInfo create(ContainerSpec spec) throws BackendException {
        return real.create(spec);
    }

    @Override
    public ContainerProcess run(String handle, ProcessSpec spec) throws BackendException {
        return real.run(handle, spec);
    }

    @Override
    public ContainerProcess run(String handle, ProcessSpec spec, ProcessOptions options) throws BackendException {
        return real.run(handle, spec, options);
    }

    @Override
    public void stop(String handle, boolean kill) {
        real.stop(handle, kill);
    }

    @Override
    public void destroy(String handle) {
        real.destroy(handle);
    }

    @Override
    public InputStream readFile(String handle, String path) throws BackendException {
        return real.readFile(handle, path);
    }

    @Override
    public List<String> list() {
        return real.list();
    }

    @Override
    public ContainerDetails info(String handle) throws BackendException {
        ContainerDetails details = real.info(handle);
        return new ContainerDetails(details.info(), details.state(), details.processIds(), details.properties(),
                details.graceTime(), events);
    }
}
