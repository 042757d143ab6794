/**
 * The pieces of the runc backend ({@link org.diego.cell.garden.RuncBackend}): the OCI config it writes,
 * the runc command line and the shim processes run under (their exit statuses come back as files), the
 * copy-on-write rootfs and the scratch filesystem that holds a container to its disk limit, the
 * per-container network namespace with its veth pair, the TCP forwarder that makes container ports
 * reachable on host ports, and what turns a warm container into a given one (limits written into its
 * cgroups, its host name). Everything that needs root and a Linux kernel is done by running {@code runc},
 * {@code ip}, {@code mount}, {@code umount}, {@code mkfs.ext4} and {@code nsenter}, or by writing cgroup
 * files; the rest is plain Java so it can be unit tested anywhere.
 */
package org.diego.cell.garden.runc;
