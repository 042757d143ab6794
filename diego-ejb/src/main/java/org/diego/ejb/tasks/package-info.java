/**
 * Completion callbacks: after a task with a {@code completion_callback_url} completes, a worker thread
 * marks it RESOLVING, POSTs Diego's TaskCallbackResponse and deletes the task once the receiver took
 * it. The delivery logic is plain Java behind two small interfaces (the HTTP client, the task store),
 * so it is tested without network or container.
 */
package org.diego.ejb.tasks;
