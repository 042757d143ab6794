/**
 * The stager's half of the CC-Bridge, without any server: Cloud Controller's staging messages (with
 * CC's JSON names, so a Cloud Controller written for Diego can call this one), their validation, the
 * staging Task they become and the StagingResponseForCC a finished staging Task becomes. Pure, so the
 * whole staging contract is unit-tested without a cluster.
 */
package org.diego.core.bridge.staging;
