/**
 * Diego's executor steps: one {@link org.diego.cell.executor.steps.Step} per action kind (run, download,
 * upload, timeout, emit_progress, try, serial, parallel, codependent) and the health-check steps (legacy
 * monitor, declarative checks probed by the agent itself, readiness), composed by the
 * {@link org.diego.cell.executor.steps.Transformer} into a container's tree. Steps never block: blocking
 * work runs on an executor and every wait is a {@link org.diego.cell.executor.steps.StepScheduler} task,
 * so tests drive timeouts and check polling with a manual clock.
 */
package org.diego.cell.executor.steps;
