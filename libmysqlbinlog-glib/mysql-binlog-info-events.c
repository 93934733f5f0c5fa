/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-event.h"
#include "mysql-binlog-gtid-private.h"
#include "wire-private.h"

/*
 * Events that only inform: what mysql_binlog_event_dump() shows of
 * HEARTBEAT, HEARTBEAT_V2, TRANSACTION_CONTEXT, VIEW_CHANGE, INCIDENT and
 * XA_PREPARE events.  Nothing here changes the decoder's state.
 */

/* The bytes of an event after its common header, up to the checksum,
 * whatever post-header length the format description announced. */
static const guint8 *
event_payload (const MysqlBinlogEventInfo *info,
               gsize                      *length)
{
  *length = info->length - (info->post_header - info->data);
  return info->post_header;
}

/* Appends at most 200 bytes of @data as text, valid UTF-8. */
static void
append_text (GString      *out,
             const guint8 *data,
             gsize         length)
{
  g_autofree char *text = g_utf8_make_valid ((const char *) data, MIN (length, 200));

  g_string_append (out, text);
  if (length > 200)
    g_string_append (out, "...");
}

static void
append_hex (GString      *out,
            const guint8 *data,
            gsize         length)
{
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02x", data[i]);
}

const char *
_mysql_binlog_incident_name (guint16 number)
{
  switch (number)
    {
    case MYSQL_BINLOG_INCIDENT_NONE:
      return "NONE";
    case MYSQL_BINLOG_INCIDENT_LOST_EVENTS:
      return "LOST_EVENTS";
    default:
      return "UNKNOWN";
    }
}

gboolean
_mysql_binlog_decoder_incident (MysqlBinlogDecoder          *decoder,
                                const MysqlBinlogEventInfo  *info,
                                guint16                     *number,
                                char                       **message,
                                GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);

  /* The incident number (2 bytes), then the message with a length byte;
   * servers before MySQL 5.1.x could leave the message out. */
  if (length < 2)
    return _mysql_binlog_set_corrupt (error, "INCIDENT event of %u bytes: too short for its "
                                      "incident number", info->event_size);
  *number = _mysql_binlog_le16 (p);
  if (length == 2)
    {
      *message = g_strdup ("");
      return TRUE;
    }
  if ((gsize) p[2] > length - 3)
    return _mysql_binlog_set_corrupt (error, "INCIDENT event: its %u-byte message runs past "
                                      "the end of the %u-byte event", p[2], info->event_size);
  *message = g_utf8_make_valid ((const char *) p + 3, p[2]);
  return TRUE;
}

gboolean
_mysql_binlog_decoder_xa_prepare (MysqlBinlogDecoder          *decoder,
                                  const MysqlBinlogEventInfo  *info,
                                  gboolean                    *one_phase,
                                  char                       **xid,
                                  GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);
  guint32 format_id, gtrid_length, bqual_length;
  GString *text;

  /* one_phase (1), formatID (4), gtrid_length (4), bqual_length (4), and
   * the two parts of the XID, 64 bytes each at most. */
  if (length < 13)
    return _mysql_binlog_set_corrupt (error, "XA_PREPARE event of %u bytes: too short for "
                                      "its XID", info->event_size);
  *one_phase = p[0] != 0;
  format_id = _mysql_binlog_le32 (p + 1);
  gtrid_length = _mysql_binlog_le32 (p + 5);
  bqual_length = _mysql_binlog_le32 (p + 9);
  if (gtrid_length > 64 || bqual_length > 64)
    return _mysql_binlog_set_corrupt (error, "XA_PREPARE event: XID parts of %u and %u bytes "
                                      "(64 at most)", gtrid_length, bqual_length);
  if (gtrid_length + bqual_length > length - 13)
    return _mysql_binlog_set_corrupt (error, "XA_PREPARE event: its %u-byte XID runs past "
                                      "the end of the %u-byte event",
                                      gtrid_length + bqual_length, info->event_size);
  /* As XA RECOVER ... CONVERT XID and mysqlbinlog write it. */
  text = g_string_new ("X'");
  append_hex (text, p + 13, gtrid_length);
  g_string_append (text, "',X'");
  append_hex (text, p + 13 + gtrid_length, bqual_length);
  g_string_append_printf (text, "',%d", (gint32) format_id);
  *xid = g_string_free (text, FALSE);
  return TRUE;
}

static gboolean
describe_heartbeat (const MysqlBinlogEventInfo  *info,
                    GString                     *out,
                    GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);
  const guint8 *end = p + length;

  if (info->type == MYSQL_BINLOG_EVENT_HEARTBEAT)
    {
      /* The body is the name of the file the source is at. */
      g_string_append (out, "Log file: ");
      append_text (out, p, length);
      g_string_append_c (out, '\n');
      return TRUE;
    }

  /* HEARTBEAT_V2: fields of a type and a length (both length-encoded),
   * ended by a type 0. */
  while (p < end)
    {
      guint64 type, field_length;
      const guint8 *field;

      if (!_mysql_binlog_read_packed (&p, end, &type))
        return _mysql_binlog_set_corrupt (error, "HEARTBEAT_V2 event: truncated field type");
      if (type == 0)
        break;
      if (!_mysql_binlog_read_packed_length (&p, end, &field_length))
        return _mysql_binlog_set_corrupt (error, "HEARTBEAT_V2 event: field %" G_GUINT64_FORMAT
                                          " runs past the end of the event", type);
      field = p;
      p += field_length;
      switch (type)
        {
        case 1: /* the log file name */
          g_string_append (out, "Log file: ");
          append_text (out, field, field_length);
          g_string_append_c (out, '\n');
          break;
        case 2: /* the log position, length-encoded */
          {
            guint64 position;
            const guint8 *q = field;

            if (!_mysql_binlog_read_packed (&q, p, &position) || q != p)
              return _mysql_binlog_set_corrupt (error, "HEARTBEAT_V2 event: malformed log "
                                                "position field");
            g_string_append_printf (out, "Log position: %" G_GUINT64_FORMAT "\n", position);
          }
          break;
        default:
          /* Fields of newer servers. */
          break;
        }
    }
  return TRUE;
}

/* At most this many items of a list are shown. */
#define DESCRIBE_MAX_ITEMS 16

static gboolean
describe_transaction_context (const MysqlBinlogEventInfo  *info,
                              GString                     *out,
                              GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);
  const guint8 *end = p + length;
  guint8 uuid_length;
  guint32 thread_id, snapshot_length, set_lengths[2];
  gboolean gtid_specified;
  static const char * const set_names[] = { "Write set", "Read set" };

  /* server_uuid length (1), thread id (4), gtid_specified (1), snapshot
   * version length (4), write set items (4), read set items (4); then the
   * server UUID, the snapshot version (a GTID set) and the sets' items,
   * each with a 2-byte length. */
  if (length < 18)
    return _mysql_binlog_set_corrupt (error, "TRANSACTION_CONTEXT event of %u bytes: too short "
                                      "for its header", info->event_size);
  uuid_length = p[0];
  thread_id = _mysql_binlog_le32 (p + 1);
  gtid_specified = p[5] != 0;
  snapshot_length = _mysql_binlog_le32 (p + 6);
  set_lengths[0] = _mysql_binlog_le32 (p + 10);
  set_lengths[1] = _mysql_binlog_le32 (p + 14);
  p += 18;
  if ((gsize) (end - p) < uuid_length ||
      (gsize) (end - p) - uuid_length < snapshot_length)
    return _mysql_binlog_set_corrupt (error, "TRANSACTION_CONTEXT event: its server UUID and "
                                      "snapshot version run past the end of the event");

  g_string_append (out, "Server UUID: ");
  append_text (out, p, uuid_length);
  p += uuid_length;
  g_string_append_printf (out, "\nThread id: %u\nGTID specified: %s\n", thread_id,
                          gtid_specified ? "yes" : "no");
  if (snapshot_length > 0)
    {
      g_autoptr(MysqlBinlogGtidSet) snapshot = _mysql_binlog_gtid_set_new ();

      g_string_append (out, "Snapshot version: ");
      if (_mysql_binlog_gtid_parse_previous_gtids (p, snapshot_length, snapshot, NULL))
        {
          g_autofree char *text = _mysql_binlog_gtid_set_to_string (snapshot);
          g_string_append (out, text);
        }
      else
        append_hex (out, p, MIN (snapshot_length, 64));
      g_string_append_c (out, '\n');
      p += snapshot_length;
    }

  for (guint s = 0; s < 2; s++)
    {
      g_string_append_printf (out, "%s: %u item%s", set_names[s], set_lengths[s],
                              set_lengths[s] == 1 ? "" : "s");
      for (guint32 i = 0; i < set_lengths[s]; i++)
        {
          guint16 item_length;

          if (end - p < 2 || (item_length = _mysql_binlog_le16 (p), (gsize) (end - p - 2) < item_length))
            return _mysql_binlog_set_corrupt (error, "TRANSACTION_CONTEXT event: item %u of "
                                              "its %s runs past the end of the event", i + 1,
                                              s == 0 ? "write set" : "read set");
          if (i < DESCRIBE_MAX_ITEMS)
            {
              g_string_append (out, i == 0 ? ": " : ", ");
              append_text (out, p + 2, item_length);
            }
          else if (i == DESCRIBE_MAX_ITEMS)
            g_string_append (out, ", ...");
          p += 2 + item_length;
        }
      g_string_append_c (out, '\n');
    }
  return TRUE;
}

static gboolean
describe_view_change (const MysqlBinlogEventInfo  *info,
                      GString                     *out,
                      GError                     **error)
{
  gsize length;
  const guint8 *p = event_payload (info, &length);
  const guint8 *end = p + length;
  guint32 n_entries;
  gsize view_id_length;

  /* The view id (40 bytes, NUL-padded), the sequence number (8) and the
   * number of certification entries (4); then each entry: a key with a
   * 2-byte length, a value with a 4-byte length. */
  if (length < 52)
    return _mysql_binlog_set_corrupt (error, "VIEW_CHANGE event of %u bytes: too short for "
                                      "its header", info->event_size);
  view_id_length = strnlen ((const char *) p, 40);
  g_string_append (out, "View id: ");
  append_text (out, p, view_id_length);
  g_string_append_printf (out, "\nSequence number: %" G_GINT64_FORMAT "\n",
                          (gint64) _mysql_binlog_le64 (p + 40));
  n_entries = _mysql_binlog_le32 (p + 48);
  p += 52;
  g_string_append_printf (out, "Certification info: %u entr%s\n", n_entries,
                          n_entries == 1 ? "y" : "ies");
  for (guint32 i = 0; i < n_entries; i++)
    {
      guint16 key_length;
      guint32 value_length;
      const guint8 *key;

      if (end - p < 2 || (key_length = _mysql_binlog_le16 (p), (gsize) (end - p - 2) < key_length))
        return _mysql_binlog_set_corrupt (error, "VIEW_CHANGE event: certification entry %u "
                                          "runs past the end of the event", i + 1);
      key = p + 2;
      p += 2 + key_length;
      if (end - p < 4 || (value_length = _mysql_binlog_le32 (p), (gsize) (end - p - 4) < value_length))
        return _mysql_binlog_set_corrupt (error, "VIEW_CHANGE event: certification entry %u "
                                          "runs past the end of the event", i + 1);
      if (i < DESCRIBE_MAX_ITEMS)
        {
          g_string_append (out, "  ");
          append_text (out, key, key_length);
          g_string_append (out, ": ");
          append_text (out, p + 4, value_length);
          g_string_append_c (out, '\n');
        }
      else if (i == DESCRIBE_MAX_ITEMS)
        g_string_append (out, "  ...\n");
      p += 4 + value_length;
    }
  return TRUE;
}

char *
_mysql_binlog_decoder_describe (MysqlBinlogDecoder          *decoder,
                                const MysqlBinlogEventInfo  *info,
                                GError                     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  switch (info->type)
    {
    case MYSQL_BINLOG_EVENT_HEARTBEAT:
    case MYSQL_BINLOG_EVENT_HEARTBEAT_V2:
      if (!describe_heartbeat (info, out, error))
        return NULL;
      break;
    case MYSQL_BINLOG_EVENT_TRANSACTION_CONTEXT:
      if (!describe_transaction_context (info, out, error))
        return NULL;
      break;
    case MYSQL_BINLOG_EVENT_VIEW_CHANGE:
      if (!describe_view_change (info, out, error))
        return NULL;
      break;
    case MYSQL_BINLOG_EVENT_INCIDENT:
      {
        g_autofree char *message = NULL;
        guint16 number;

        if (!_mysql_binlog_decoder_incident (decoder, info, &number, &message, error))
          return NULL;
        g_string_append_printf (out, "Incident: %s (%u)\n", _mysql_binlog_incident_name (number),
                                number);
        if (*message != '\0')
          g_string_append_printf (out, "Message: %s\n", message);
      }
      break;
    case MYSQL_BINLOG_EVENT_XA_PREPARE:
      {
        g_autofree char *xid = NULL;
        gboolean one_phase;

        if (!_mysql_binlog_decoder_xa_prepare (decoder, info, &one_phase, &xid, error))
          return NULL;
        g_string_append_printf (out, "XID: %s\nOne phase: %s\n", xid, one_phase ? "yes" : "no");
      }
      break;
    default:
      break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
