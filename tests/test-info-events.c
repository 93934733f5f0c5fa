/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The events that change no rows but say something: XA_PREPARE, INCIDENT,
 * HEARTBEAT and HEARTBEAT_V2, TRANSACTION_CONTEXT, VIEW_CHANGE and
 * ROWS_QUERY.  Crafted events decode to what mysql_binlog_event_dump()
 * shows; every truncation of them is a corrupt-event error; and a binlog
 * file made of them reads through a stream with the right dumps and safe
 * positions.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mysqlbinlog-glib.h"
#include "mysql-binlog-decoder-private.h"

#include "test-util.h"

/* Appends an event (common header, no checksum) at offset out->len. */
static void
append_event (GByteArray *out,
              guint8      type,
              GByteArray *payload)
{
  guint32 size = 19 + payload->len;
  guint32 start = out->len;

  test_util_put_u32 (out, 1700000000);      /* 2023-11-14 22:13:20 UTC */
  test_util_put_byte (out, type);
  test_util_put_u32 (out, 1);               /* server id */
  test_util_put_u32 (out, size);
  test_util_put_u32 (out, start + size);    /* log_pos: the offset after it */
  test_util_put_u16 (out, 0);
  g_byte_array_append (out, payload->data, payload->len);
}

/* {{{ The crafted events' payloads */

static GByteArray *
xa_prepare_payload (void)
{
  GByteArray *p = g_byte_array_new ();

  test_util_put_byte (p, 0);                /* not one phase */
  test_util_put_u32 (p, 1);                 /* formatID */
  test_util_put_u32 (p, 2);                 /* gtrid length */
  test_util_put_u32 (p, 1);                 /* bqual length */
  test_util_put_string (p, "x1b");
  return p;
}

static GByteArray *
incident_payload (void)
{
  GByteArray *p = g_byte_array_new ();

  test_util_put_u16 (p, 1);                 /* LOST_EVENTS */
  test_util_put_byte (p, 31);
  test_util_put_string (p, "error writing to the binary log");
  return p;
}

static GByteArray *
heartbeat_v2_payload (void)
{
  GByteArray *p = g_byte_array_new ();

  test_util_put_byte (p, 1);                /* log file name */
  test_util_put_byte (p, 13);
  test_util_put_string (p, "binlog.000042");
  test_util_put_byte (p, 7);                /* a field of a newer server: skipped */
  test_util_put_byte (p, 2);
  test_util_put_u16 (p, 0xffff);
  test_util_put_byte (p, 2);                /* log position, length-encoded */
  test_util_put_byte (p, 4);
  test_util_put_byte (p, 253);
  test_util_put_byte (p, 0x40); test_util_put_byte (p, 0xe2); test_util_put_byte (p, 0x01); /* 123456 */
  test_util_put_byte (p, 0);                /* end mark */
  return p;
}

static GByteArray *
heartbeat_payload (void)
{
  GByteArray *p = g_byte_array_new ();

  test_util_put_string (p, "mariadb-bin.000007");
  return p;
}

static GByteArray *
transaction_context_payload (void)
{
  GByteArray *p = g_byte_array_new ();
  const char *uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

  test_util_put_byte (p, strlen (uuid));
  test_util_put_u32 (p, 42);                /* thread id */
  test_util_put_byte (p, 1);                /* gtid specified */
  test_util_put_u32 (p, 0);                 /* snapshot version: none */
  test_util_put_u32 (p, 2);                 /* write set items */
  test_util_put_u32 (p, 1);                 /* read set items */
  test_util_put_string (p, uuid);
  test_util_put_u16 (p, 6);
  test_util_put_string (p, "123456");
  test_util_put_u16 (p, 3);
  test_util_put_string (p, "789");
  test_util_put_u16 (p, 2);
  test_util_put_string (p, "10");
  return p;
}

static GByteArray *
view_change_payload (void)
{
  GByteArray *p = g_byte_array_new ();
  guint8 view_id[40] = { 0 };

  memcpy (view_id, "17002236221234567:3", strlen ("17002236221234567:3"));
  g_byte_array_append (p, view_id, sizeof view_id);
  test_util_put_u64 (p, 12);                /* sequence number */
  test_util_put_u32 (p, 1);                 /* certification entries */
  test_util_put_u16 (p, 5);
  test_util_put_string (p, "group");
  test_util_put_u32 (p, 6);
  test_util_put_string (p, "1-1000");
  return p;
}

static GByteArray *
rows_query_payload (void)
{
  GByteArray *p = g_byte_array_new ();

  test_util_put_byte (p, 27);               /* a length byte MySQL writes and ignores */
  test_util_put_string (p, "INSERT INTO t VALUES (1, 2)");
  return p;
}

static GByteArray *
query_payload (const char *statement)
{
  GByteArray *p = g_byte_array_new ();

  test_util_put_u32 (p, 9);                 /* thread id */
  test_util_put_u32 (p, 0);                 /* execution time */
  test_util_put_byte (p, 2);                /* schema length */
  test_util_put_u16 (p, 0);                 /* error code */
  test_util_put_u16 (p, 0);                 /* status variables length */
  test_util_put_string (p, "db");
  test_util_put_byte (p, 0);
  test_util_put_string (p, statement);
  return p;
}

/* }}} */

/* Parses @payload as an event of @type; the decoder has no format
 * description, so it uses the default post-header lengths. */
static char *
describe (guint8       type,
          GByteArray  *payload,
          GError     **error)
{
  MysqlBinlogDecoder *decoder = _mysql_binlog_decoder_new ();
  g_autoptr(GByteArray) event = g_byte_array_new ();
  MysqlBinlogEventInfo info;
  char *details = NULL;

  append_event (event, type, payload);
  if (_mysql_binlog_decoder_parse_header (decoder, event->data, event->len, &info, error))
    details = _mysql_binlog_decoder_describe (decoder, &info, error);
  _mysql_binlog_decoder_free (decoder);
  return details;
}

typedef struct
{
  guint8       type;
  GByteArray *(*payload) (void);
  const char  *details;
} Case;

static const Case cases[] = {
  { MYSQL_BINLOG_EVENT_XA_PREPARE, xa_prepare_payload,
    "XID: X'7831',X'62',1\nOne phase: no\n" },
  { MYSQL_BINLOG_EVENT_INCIDENT, incident_payload,
    "Incident: LOST_EVENTS (1)\nMessage: error writing to the binary log\n" },
  { MYSQL_BINLOG_EVENT_HEARTBEAT_V2, heartbeat_v2_payload,
    "Log file: binlog.000042\nLog position: 123456\n" },
  { MYSQL_BINLOG_EVENT_HEARTBEAT, heartbeat_payload,
    "Log file: mariadb-bin.000007\n" },
  { MYSQL_BINLOG_EVENT_TRANSACTION_CONTEXT, transaction_context_payload,
    "Server UUID: 3e11fa47-71ca-11e1-9e33-c80aa9429562\nThread id: 42\nGTID specified: yes\n"
    "Write set: 2 items: 123456, 789\nRead set: 1 item: 10\n" },
  { MYSQL_BINLOG_EVENT_VIEW_CHANGE, view_change_payload,
    "View id: 17002236221234567:3\nSequence number: 12\nCertification info: 1 entry\n"
    "  group: 1-1000\n" },
};

static void
test_describe (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) payload = cases[i].payload ();
      g_autoptr(GError) error = NULL;
      g_autofree char *details = describe (cases[i].type, payload, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (details, ==, cases[i].details);
    }
}

/* Every truncation of every event: a corrupt-event error where the
 * payload is needed whole, never a read past the end. */
static void
test_truncated (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) payload = cases[i].payload ();
      gsize full = payload->len;

      for (gsize keep = 0; keep < full; keep++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *details = NULL;
          g_autofree guint8 *copy = g_memdup2 (payload->data, keep);
          g_autoptr(GByteArray) cut = g_byte_array_new_take (g_steal_pointer (&copy), keep);

          details = describe (cases[i].type, cut, &error);
          if (cases[i].type == MYSQL_BINLOG_EVENT_HEARTBEAT)
            {
              /* A file name: any prefix is one. */
              g_assert_no_error (error);
              g_assert_nonnull (details);
            }
          else if (cases[i].type == MYSQL_BINLOG_EVENT_HEARTBEAT_V2)
            {
              /* The fields end where the event ends; a cut inside a
               * field is an error. */
              if (details == NULL)
                g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
            }
          else if (cases[i].type == MYSQL_BINLOG_EVENT_INCIDENT && keep == 2)
            {
              /* Old servers wrote no message. */
              g_assert_no_error (error);
              g_assert_cmpstr (details, ==, "Incident: LOST_EVENTS (1)\n");
            }
          else
            {
              g_assert_null (details);
              g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
            }
        }
    }
}

static void
test_bad_values (void)
{
  g_autoptr(GByteArray) xa = g_byte_array_new ();
  g_autoptr(GByteArray) view = view_change_payload ();
  g_autoptr(GByteArray) context = transaction_context_payload ();
  g_autoptr(GByteArray) incident = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;

  /* An XID part longer than XA allows. */
  test_util_put_byte (xa, 1);
  test_util_put_u32 (xa, 1);
  test_util_put_u32 (xa, 65);
  test_util_put_u32 (xa, 0);
  for (guint i = 0; i < 65; i++)
    test_util_put_byte (xa, 'a');
  details = describe (MYSQL_BINLOG_EVENT_XA_PREPARE, xa, &error);
  g_assert_null (details);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_clear_error (&error);

  /* Huge counts of items that are not there. */
  view->data[48] = 0xff;
  view->data[49] = 0xff;
  details = describe (MYSQL_BINLOG_EVENT_VIEW_CHANGE, view, &error);
  g_assert_null (details);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_clear_error (&error);

  context->data[10] = 0xff;       /* write set items */
  details = describe (MYSQL_BINLOG_EVENT_TRANSACTION_CONTEXT, context, &error);
  g_assert_null (details);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_clear_error (&error);

  /* A snapshot version longer than the event. */
  context->data[10] = 2;
  context->data[6] = 0xff;
  details = describe (MYSQL_BINLOG_EVENT_TRANSACTION_CONTEXT, context, &error);
  g_assert_null (details);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_clear_error (&error);

  /* An incident number no server defines is shown as it is. */
  test_util_put_u16 (incident, 66);
  test_util_put_byte (incident, 0);
  details = describe (MYSQL_BINLOG_EVENT_INCIDENT, incident, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (details, ==, "Incident: UNKNOWN (66)\n");
}

/* {{{ A binlog file of such events, read by a stream */

typedef struct
{
  GPtrArray *dumps;
  GPtrArray *positions;
  GString   *order;     /* "E" per event, "P" per position */
} Capture;

static void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           Capture           *capture)
{
  g_ptr_array_add (capture->dumps, mysql_binlog_event_dump (event));
  g_string_append_c (capture->order, 'E');
}

static void
on_position (MysqlBinlogStream   *stream,
             MysqlBinlogPosition *position,
             Capture             *capture)
{
  g_ptr_array_add (capture->positions, mysql_binlog_position_to_string (position));
  g_string_append_c (capture->order, 'P');
}

static void
test_file (void)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GByteArray) fde = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *position = NULL;
  g_autoptr(GFile) gfile = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  Capture capture;
  char version[50] = "8.0.36";
  g_autofree char *expected_rows_query = NULL;
  g_autofree char *expected_xa = NULL;
  guint rows_query_at, xa_at, xa_end;

  test_util_put_string (file, "\xfe" "bin");
  /* A MySQL 8.0 format description: default post-header lengths,
   * checksums off. */
  test_util_put_u16 (fde, 4);
  g_byte_array_append (fde, (const guint8 *) version, sizeof version);
  test_util_put_u32 (fde, 0);
  test_util_put_byte (fde, 19);
  for (guint i = 0; i < 41; i++)
    test_util_put_byte (fde, 0);
  test_util_put_byte (fde, 0);              /* checksum algorithm: off */
  test_util_put_u32 (fde, 0);
  append_event (file, MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION, fde);

  {
    g_autoptr(GByteArray) start = query_payload ("XA START X'7831',X'62',1");
    g_autoptr(GByteArray) rows_query = rows_query_payload ();
    g_autoptr(GByteArray) end = query_payload ("XA END X'7831',X'62',1");
    g_autoptr(GByteArray) xa = xa_prepare_payload ();
    g_autoptr(GByteArray) context = transaction_context_payload ();
    g_autoptr(GByteArray) view = view_change_payload ();
    g_autoptr(GByteArray) incident = incident_payload ();
    g_autoptr(GByteArray) heartbeat = heartbeat_v2_payload ();

    append_event (file, MYSQL_BINLOG_EVENT_QUERY, start);
    rows_query_at = file->len;
    append_event (file, MYSQL_BINLOG_EVENT_ROWS_QUERY, rows_query);
    append_event (file, MYSQL_BINLOG_EVENT_QUERY, end);
    xa_at = file->len;
    append_event (file, MYSQL_BINLOG_EVENT_XA_PREPARE, xa);
    xa_end = file->len;
    append_event (file, MYSQL_BINLOG_EVENT_TRANSACTION_CONTEXT, context);
    append_event (file, MYSQL_BINLOG_EVENT_VIEW_CHANGE, view);
    append_event (file, MYSQL_BINLOG_EVENT_INCIDENT, incident);
    append_event (file, MYSQL_BINLOG_EVENT_HEARTBEAT_V2, heartbeat);
  }

  dir = g_dir_make_tmp ("info-events-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "binlog.000001", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) file->data, file->len, &error));
  g_assert_no_error (error);

  capture.dumps = g_ptr_array_new_with_free_func (g_free);
  capture.positions = g_ptr_array_new_with_free_func (g_free);
  capture.order = g_string_new (NULL);
  gfile = g_file_new_for_path (path);
  stream = mysql_binlog_stream_new_for_file (gfile);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_binlog), &capture);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), &capture);
  /* A file goes on after an incident: it is read to be inspected. */
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);

  /* 19 + 1 + 27 and 19 + 13 + 3 bytes. */
  expected_rows_query = g_strdup_printf ("=== ROWS_QUERY (29) ===\n"
                                         "Position: binlog.000001:%u\n"
                                         "Next position: %u\n"
                                         "Date: 2023-11-14 22:13:20 UTC (1700000000)\n"
                                         "Server id: 1\n"
                                         "Size: 47 bytes\n"
                                         "Statement: INSERT INTO t VALUES (1, 2)\n",
                                         rows_query_at, rows_query_at + 47);
  expected_xa = g_strdup_printf ("=== XA_PREPARE (38) ===\n"
                                 "Position: binlog.000001:%u\n"
                                 "Next position: %u\n"
                                 "Date: 2023-11-14 22:13:20 UTC (1700000000)\n"
                                 "Server id: 1\n"
                                 "Size: 35 bytes\n"
                                 "XID: X'7831',X'62',1\n"
                                 "One phase: no\n",
                                 xa_at, xa_at + 35);
  g_assert_cmpuint (xa_end, ==, xa_at + 35);
  g_assert_cmpuint (capture.dumps->len, ==, 9);
  g_assert_cmpstr (g_ptr_array_index (capture.dumps, 2), ==, expected_rows_query);
  g_assert_cmpstr (g_ptr_array_index (capture.dumps, 4), ==, expected_xa);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint index;

      switch (cases[i].type)
        {
        case MYSQL_BINLOG_EVENT_TRANSACTION_CONTEXT: index = 5; break;
        case MYSQL_BINLOG_EVENT_VIEW_CHANGE: index = 6; break;
        case MYSQL_BINLOG_EVENT_INCIDENT: index = 7; break;
        case MYSQL_BINLOG_EVENT_HEARTBEAT_V2: index = 8; break;
        default: continue;
        }
      g_assert_true (g_str_has_suffix (g_ptr_array_index (capture.dumps, index),
                                       cases[i].details));
    }

  /* The XA transaction is one group: a position only after XA_PREPARE,
   * none inside it. */
  position = g_strdup_printf ("binlog.000001:%u", xa_end);
  g_assert_cmpuint (capture.positions->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (capture.positions, 0), ==, position);
  g_assert_true (g_str_has_prefix (capture.order->str, "EEEEEP"));

  g_ptr_array_unref (capture.dumps);
  g_ptr_array_unref (capture.positions);
  g_string_free (capture.order, TRUE);
  g_unlink (path);
  g_rmdir (dir);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/info-events/describe", test_describe);
  g_test_add_func ("/info-events/truncated", test_truncated);
  g_test_add_func ("/info-events/bad-values", test_bad_values);
  g_test_add_func ("/info-events/file", test_file);
  return g_test_run ();
}
