/**
 * The file server, blobstore and cc-uploader of the CC-Bridge. Lifecycle bundles are built from
 * classpath scripts (identical bytes on every instance, so any instance serves them with the same
 * ETag); droplets and build caches live in the database in 1 MiB chunks, so every instance of the
 * cluster can serve a blob another instance received, without a shared filesystem.
 */
package org.diego.ejb.bridge.files;
