/** Every interval and timeout, read through MicroProfile Config, and the injected clock and GUID source. */
package org.diego.ejb.config;
