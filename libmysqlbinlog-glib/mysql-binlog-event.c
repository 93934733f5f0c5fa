/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-event-private.h"
#include "mysql-binlog-name-private.h"
#include "mysql-binlog-enum-types.h"

/**
 * MysqlBinlogEvent:
 *
 * One event of a binary log, as the [signal@MysqlBinlog.Stream::binlog]
 * signal delivers it.
 *
 * An event has a type, the common header fields (timestamp, originating
 * server, size, flags), where it sits in the binary log, and its raw bytes.
 * Events that name a schema, a table, a statement or a GTID expose those
 * too, so that a handler can follow DDL statements or transaction
 * boundaries without parsing bytes.  [method@MysqlBinlog.Event.dump]
 * describes an event in a few readable lines.
 *
 * ```c
 * static void
 * on_binlog (MysqlBinlogStream *stream, MysqlBinlogEvent *event, gpointer user_data)
 * {
 *   if (mysql_binlog_event_get_event_type (event) == MYSQL_BINLOG_EVENT_QUERY)
 *     g_print ("%s: %s\n", mysql_binlog_event_get_schema (event),
 *              mysql_binlog_event_get_statement (event));
 * }
 * ```
 *
 * Since: 1.0
 */

struct _MysqlBinlogEvent
{
  gatomicrefcount ref_count;
  MysqlBinlogEventType type;
  guint32 timestamp;
  guint32 server_id;
  guint32 size;
  guint16 flags;
  guint64 position;
  guint64 next_position;
  char *log_file;
  GBytes *bytes;
  char *schema;
  char *table;
  char *statement;
  char *gtid;
  char *details;    /* dump lines of the events that carry more */
};

G_DEFINE_BOXED_TYPE (MysqlBinlogEvent, mysql_binlog_event,
                     mysql_binlog_event_ref, mysql_binlog_event_unref)

/* Takes @text and returns it as valid UTF-8: a server logs statements
 * and names in the client's character set, not always UTF-8. */
static char *
take_utf8 (char *text)
{
  char *valid;

  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return text;
  valid = g_utf8_make_valid (text, -1);
  g_free (text);
  return valid;
}

MysqlBinlogEvent *
_mysql_binlog_event_new (const MysqlBinlogEventInfo *info,
                         GBytes                     *bytes,
                         const char                 *log_file,
                         guint64                     position,
                         guint64                     next_position,
                         char                       *schema,
                         char                       *table,
                         char                       *statement,
                         char                       *gtid)
{
  MysqlBinlogEvent *event = g_new0 (MysqlBinlogEvent, 1);

  g_atomic_ref_count_init (&event->ref_count);
  event->type = info->type;
  event->timestamp = info->timestamp;
  event->server_id = info->server_id;
  event->size = info->event_size;
  event->flags = info->flags;
  event->position = position;
  event->next_position = next_position;
  event->log_file = take_utf8 (g_strdup (log_file));
  /* An event read in parts is not in memory as a whole. */
  event->bytes = bytes != NULL ? g_bytes_ref (bytes)
                 : g_bytes_new (info->data, info->partial ? info->length : info->event_size);
  event->schema = take_utf8 (schema);
  event->table = take_utf8 (table);
  event->statement = take_utf8 (statement);
  event->gtid = take_utf8 (gtid);
  return event;
}

void
_mysql_binlog_event_take_details (MysqlBinlogEvent *event,
                                  char             *details)
{
  g_free (event->details);
  event->details = details;
}

/**
 * mysql_binlog_event_ref:
 * @event: an event
 *
 * Acquires a reference on @event.
 *
 * Returns: (transfer full): @event
 *
 * Since: 1.0
 */
MysqlBinlogEvent *
mysql_binlog_event_ref (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  g_atomic_ref_count_inc (&event->ref_count);
  return event;
}

/**
 * mysql_binlog_event_unref:
 * @event: (transfer full): an event
 *
 * Releases a reference on @event, freeing it when it was the last.
 *
 * Since: 1.0
 */
void
mysql_binlog_event_unref (MysqlBinlogEvent *event)
{
  g_return_if_fail (event != NULL);

  if (!g_atomic_ref_count_dec (&event->ref_count))
    return;

  g_free (event->log_file);
  g_bytes_unref (event->bytes);
  g_free (event->schema);
  g_free (event->table);
  g_free (event->statement);
  g_free (event->gtid);
  g_free (event->details);
  g_free (event);
}

/**
 * mysql_binlog_event_get_event_type:
 * @event: an event
 *
 * Gets the type of @event.  Codes this version does not know are returned
 * as they are; they are not members of [enum@MysqlBinlog.EventType].
 *
 * Returns: the event type code
 *
 * Since: 1.0
 */
MysqlBinlogEventType
mysql_binlog_event_get_event_type (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, MYSQL_BINLOG_EVENT_UNKNOWN);

  return event->type;
}

/**
 * mysql_binlog_event_get_type_name:
 * @event: an event
 *
 * Gets the name of @event's type as the servers' sources spell it, without
 * the `_EVENT` suffix: `WRITE_ROWS_V1`, `QUERY`, `MARIADB_GTID`.
 *
 * Returns: the type name, or `UNKNOWN`
 *
 * Since: 1.0
 */
const char *
mysql_binlog_event_get_type_name (MysqlBinlogEvent *event)
{
  GEnumClass *klass;
  GEnumValue *value;

  g_return_val_if_fail (event != NULL, NULL);

  klass = g_type_class_ref (MYSQL_BINLOG_TYPE_EVENT_TYPE);
  value = g_enum_get_value (klass, event->type);
  g_type_class_unref (klass);
  if (value == NULL)
    return "UNKNOWN";
  return value->value_name + strlen ("MYSQL_BINLOG_EVENT_");
}

/**
 * mysql_binlog_event_get_timestamp:
 * @event: an event
 *
 * Gets the time the statement that wrote @event started, in seconds since
 * the Unix epoch (UTC).
 *
 * Returns: the timestamp
 *
 * Since: 1.0
 */
guint32
mysql_binlog_event_get_timestamp (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, 0);

  return event->timestamp;
}

/**
 * mysql_binlog_event_get_server_id:
 * @event: an event
 *
 * Gets the id of the server where @event originated.
 *
 * Returns: the server id
 *
 * Since: 1.0
 */
guint32
mysql_binlog_event_get_server_id (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, 0);

  return event->server_id;
}

/**
 * mysql_binlog_event_get_flags:
 * @event: an event
 *
 * Gets the flags of @event's common header (`LOG_EVENT_*_F`).
 *
 * Returns: the flags
 *
 * Since: 1.0
 */
guint16
mysql_binlog_event_get_flags (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, 0);

  return event->flags;
}

/**
 * mysql_binlog_event_get_size:
 * @event: an event
 *
 * Gets the size of @event in bytes, header and checksum included.
 *
 * Returns: the size
 *
 * Since: 1.0
 */
guint32
mysql_binlog_event_get_size (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, 0);

  return event->size;
}

/**
 * mysql_binlog_event_get_log_file:
 * @event: an event
 *
 * Gets the name of the binary log file @event belongs to.
 *
 * Returns: (nullable): the file name, or %NULL before the stream learnt it
 *
 * Since: 1.0
 */
const char *
mysql_binlog_event_get_log_file (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return event->log_file;
}

/**
 * mysql_binlog_event_get_position:
 * @event: an event
 *
 * Gets the offset of @event in its binary log file.
 *
 * Returns: the offset where the event starts
 *
 * Since: 1.0
 */
guint64
mysql_binlog_event_get_position (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, 0);

  return event->position;
}

/**
 * mysql_binlog_event_get_next_position:
 * @event: an event
 *
 * Gets the offset of the event that follows @event in the same file, as
 * the event header records it (`log_pos`).
 *
 * Returns: the offset of the next event, or 0 for artificial events the
 *   server made up for the replica
 *
 * Since: 1.0
 */
guint64
mysql_binlog_event_get_next_position (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, 0);

  return event->next_position;
}

/**
 * mysql_binlog_event_get_bytes:
 * @event: an event
 *
 * Gets the raw bytes of @event: the common header, the event data and the
 * checksum when there is one.
 *
 * A TRANSACTION_PAYLOAD event of more than 256 KiB read from a file is
 * read in parts, so that memory does not grow with the transaction: its
 * bytes are then its first 64 KiB only (the header, the payload's header
 * fields and the start of the compressed payload), and
 * [method@MysqlBinlog.Event.get_size] gives its whole size.
 *
 * Returns: (transfer none): the event's bytes
 *
 * Since: 1.0
 */
GBytes *
mysql_binlog_event_get_bytes (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return event->bytes;
}

/**
 * mysql_binlog_event_get_schema:
 * @event: an event
 *
 * Gets the schema of a query event (the default database of the statement)
 * or of a table map or rows event (the table's schema).
 *
 * Returns: (nullable): the schema name, or %NULL for other events
 *
 * Since: 1.0
 */
const char *
mysql_binlog_event_get_schema (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return event->schema;
}

/**
 * mysql_binlog_event_get_table:
 * @event: an event
 *
 * Gets the table a table map or rows event describes.
 *
 * Returns: (nullable): the table name, or %NULL for other events
 *
 * Since: 1.0
 */
const char *
mysql_binlog_event_get_table (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return event->table;
}

/**
 * mysql_binlog_event_get_statement:
 * @event: an event
 *
 * Gets the SQL statement of a query event, or the original statement an
 * ANNOTATE_ROWS (MariaDB) or ROWS_QUERY (MySQL) event carries.
 *
 * Returns: (nullable): the statement, or %NULL for other events
 *
 * Since: 1.0
 */
const char *
mysql_binlog_event_get_statement (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return event->statement;
}

/**
 * mysql_binlog_event_get_gtid:
 * @event: an event
 *
 * Gets the global transaction id a GTID event starts, in the server's
 * notation (`0-1-42` on MariaDB).
 *
 * Returns: (nullable): the GTID, or %NULL for other events
 *
 * Since: 1.0
 */
const char *
mysql_binlog_event_get_gtid (MysqlBinlogEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return event->gtid;
}

/**
 * mysql_binlog_event_dump:
 * @event: an event
 *
 * Describes @event in a few human-readable lines: its type, where it is,
 * its header fields and the details it carries: the statement of a query,
 * the table of a table map or rows event, the GTID, and what the events
 * that only inform hold (the file and position of a heartbeat, the XID of
 * an XA_PREPARE, the incident and its message, the write set of a
 * TRANSACTION_CONTEXT, the view of a VIEW_CHANGE).
 *
 * Returns: (transfer full): the description, ending with a newline
 *
 * Since: 1.0
 */
char *
mysql_binlog_event_dump (MysqlBinlogEvent *event)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *time_text = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  out = g_string_new (NULL);
  time = g_date_time_new_from_unix_utc (event->timestamp);
  time_text = time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");

  g_string_append_printf (out, "=== %s (%u) ===\n", mysql_binlog_event_get_type_name (event),
                          (guint) event->type);
  g_string_append_printf (out, "Position: %s:%" G_GUINT64_FORMAT "\n",
                          event->log_file != NULL ? event->log_file : "?", event->position);
  if (event->next_position != 0)
    g_string_append_printf (out, "Next position: %" G_GUINT64_FORMAT "\n", event->next_position);
  g_string_append_printf (out, "Date: %s (%u)\n", time_text, event->timestamp);
  g_string_append_printf (out, "Server id: %u\n", event->server_id);
  g_string_append_printf (out, "Size: %u bytes\n", event->size);
  if (event->flags != 0)
    g_string_append_printf (out, "Flags: 0x%04x\n", event->flags);
  if (event->gtid != NULL)
    g_string_append_printf (out, "GTID: %s\n", event->gtid);
  if (event->schema != NULL && event->table != NULL)
    {
      g_autofree char *qualified = _mysql_binlog_name_qualify (event->schema, event->table);

      g_string_append_printf (out, "Table: %s\n", qualified);
    }
  else if (event->schema != NULL && *event->schema != '\0')
    g_string_append_printf (out, "Schema: %s\n", event->schema);
  if (event->statement != NULL)
    g_string_append_printf (out, "Statement: %s\n", event->statement);
  if (event->details != NULL)
    g_string_append (out, event->details);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
