/**
 * Moving files over HTTP for the download and upload steps: Diego's cached downloader (ETag and
 * Last-Modified revalidation, checksums, archives stored as tars) and its uploader (POST with
 * Content-MD5, retried).
 */
package org.diego.cell.executor.transfer;
