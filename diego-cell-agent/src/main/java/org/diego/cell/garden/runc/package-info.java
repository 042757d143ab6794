/**
 * The pieces of the runc backend ({@link org.diego.cell.garden.RuncBackend}): the OCI config it writes,
 * the runc command line, the copy-on-write rootfs, the per-container network namespace with its veth
 * pair, and the TCP forwarder that makes container ports reachable on host ports. Everything that needs
 * root and a Linux kernel is done by running {@code runc}, {@code ip}, {@code mount} and
 * {@code umount}; the rest is plain Java so it can be unit tested anywhere.
 */
package org.diego.cell.garden.runc;
