/**
 * Garden's role: containers behind a backend API (create, run a process, stop, destroy, list) that
 * knows nothing of Diego. {@link org.diego.cell.garden.ContainerBackend} is the Garden-style port;
 * {@link org.diego.cell.garden.ProcessBackend} implements it like Garden's "houdini": a container is a
 * directory and its processes are plain host processes, with no isolation and no resource limits.
 * {@link org.diego.cell.garden.RuncBackend} implements it like guardian: OCI bundles run by runc, with
 * namespaces, cgroup limits and a network per container (details in docs/07-garden-runc.md), served from
 * a {@link org.diego.cell.garden.WarmPool} of ready containers where it can. Both extend
 * {@link org.diego.cell.garden.BookkeepingBackend}, which keeps what Garden keeps per container beyond
 * its resources (properties, processes by id for attach, state, grace time) the same way for both.
 */
package org.diego.cell.garden;
