/** The clustered BBS: persistence, messaging, timers and the beans that own Diego's jobs. */
package org.diego.ejb;
