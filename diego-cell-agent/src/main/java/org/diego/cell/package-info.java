/**
 * The cell agent process: command line, logging, and the wiring of rep, executor and garden backend
 * to one broker connection, with an orderly stop on SIGTERM.
 */
package org.diego.cell;
