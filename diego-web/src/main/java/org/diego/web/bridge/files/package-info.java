/**
 * The file server under {@code /file-server}: lifecycle bundles (built from classpath scripts) and the
 * droplets and build caches of the blobstore, with Content-Length and an MD5 ETag.
 */
package org.diego.web.bridge.files;
