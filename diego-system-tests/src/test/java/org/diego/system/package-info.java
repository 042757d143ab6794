/**
 * Tests against the real system that {@code ./diego up} starts: Arquillian integration tests in the
 * DAS and black-box system tests over HTTP against the two-instance deployment group and cells.
 */
package org.diego.system;
