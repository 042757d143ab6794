/** The one JSON codec: Diego's snake-case field names, and decoding errors that name the field. */
package org.diego.core.json;
