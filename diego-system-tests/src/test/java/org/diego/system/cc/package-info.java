/**
 * A Cloud Controller for the system tests: a small HTTP server that records what the bridge sends
 * (staging completions, app crashes, ...) and answers CC's internal API as a test scripts it (e.g. the
 * bulker's {@code /internal/bulk/apps}). The cluster is configured to reach it at
 * {@code diego.cc.base-url=http://127.0.0.1:28990}.
 */
package org.diego.system.cc;
