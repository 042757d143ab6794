/**
 * The cc-uploader's routes under {@code /cc-uploader}: the executor POSTs a droplet or build cache as
 * a plain body; the bean forwards it to Cloud Controller and keeps a copy for the file server.
 */
package org.diego.web.bridge.uploader;
