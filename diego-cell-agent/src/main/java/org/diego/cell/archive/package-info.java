/**
 * Archives as Diego's download action handles them: whatever arrives (tar, gzipped tar, zip) becomes a
 * plain tar, as its cached downloader stores it, and a tar is what enters a container (Garden's
 * StreamIn). Written here rather than pulled from a library because the agent needs only ustar with
 * GNU and PAX long names, and a zip's unix modes come from the JDK's zip file system.
 */
package org.diego.cell.archive;
