/**
 * The bridge's way out to Cloud Controller: its configuration ({@code diego.cc.*}) and one HTTP client
 * (JDK HttpClient, HTTP/1.1, basic auth when configured) for the bulker's fingerprint pages and app
 * fetches and the TPS watcher's app-state callbacks.
 */
package org.diego.ejb.bridge.cc;
