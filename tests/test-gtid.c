/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-error.h"
#include "mysql-binlog-gtid-private.h"

#include "test-util.h"

/* The binary GTID forms of MySQL and MariaDB, on crafted bytes: no MySQL
 * server runs in the test suite. */

static const guint8 uuid_a[16] = {
  0x3e, 0x11, 0xfa, 0x47, 0x71, 0xca, 0x11, 0xe1,
  0x9e, 0x33, 0xc8, 0x0a, 0xa9, 0x42, 0x95, 0x62,
};
#define UUID_A "3e11fa47-71ca-11e1-9e33-c80aa9429562"

/* MySQL's serialization integers: 1 byte below 2^7, 2 bytes below 2^14. */
static void
put_varlen (GByteArray *out,
            guint64     value)
{
  g_assert_cmpuint (value, <, 1 << 14);
  if (value < 128)
    {
      guint8 byte = value << 1;
      g_byte_array_append (out, &byte, 1);
    }
  else
    {
      guint16 v = (value << 2) | 1;
      guint8 bytes[2] = { v & 0xff, v >> 8 };
      g_byte_array_append (out, bytes, 2);
    }
}

static void
test_previous_gtids_untagged (void)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(MysqlBinlogGtidSet) set = _mysql_binlog_gtid_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* one UUID, two intervals: 1-5 and 7 (ends are exclusive) */
  test_util_put_u64 (body, 1);
  g_byte_array_append (body, uuid_a, 16);
  test_util_put_u64 (body, 2);
  test_util_put_u64 (body, 1);
  test_util_put_u64 (body, 6);
  test_util_put_u64 (body, 7);
  test_util_put_u64 (body, 8);

  g_assert_true (_mysql_binlog_gtid_parse_previous_gtids (body->data, body->len, set, &error));
  g_assert_no_error (error);
  text = _mysql_binlog_gtid_set_to_string (set);
  g_assert_cmpstr (text, ==, UUID_A ":1-5:7");
  g_assert_cmpint (_mysql_binlog_gtid_set_get_kind (set), ==, MYSQL_BINLOG_GTID_KIND_MYSQL);

  /* Encoding gives the same bytes back. */
  {
    g_autoptr(GBytes) encoded = _mysql_binlog_gtid_set_encode (set);

    g_assert_cmpmem (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded),
                     body->data, body->len);
  }

  /* Truncated anywhere: an error, never a crash. */
  for (guint length = 0; length < body->len; length++)
    {
      g_autoptr(MysqlBinlogGtidSet) partial = _mysql_binlog_gtid_set_new ();

      g_assert_false (_mysql_binlog_gtid_parse_previous_gtids (body->data, length, partial, &error));
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
      g_clear_error (&error);
    }
}

static void
test_previous_gtids_tagged (void)
{
  g_autoptr(MysqlBinlogGtidSet) set = NULL;
  g_autoptr(MysqlBinlogGtidSet) parsed = _mysql_binlog_gtid_set_new ();
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const guint8 *data;
  gsize length;

  set = _mysql_binlog_gtid_set_parse (UUID_A ":1-3:alpha:5:beta:1-2", &error);
  g_assert_no_error (error);
  encoded = _mysql_binlog_gtid_set_encode (set);
  data = g_bytes_get_data (encoded, &length);

  /* The tagged format: format byte 1 first and last, the count between. */
  g_assert_cmpuint (data[0], ==, 1);
  g_assert_cmpuint (data[1], ==, 3);
  g_assert_cmpuint (data[7], ==, 1);
  /* the first entry: the UUID, an empty tag, one interval */
  g_assert_cmpmem (data + 8, 16, uuid_a, 16);
  g_assert_cmpuint (data[24], ==, 0);

  g_assert_true (_mysql_binlog_gtid_parse_previous_gtids (data, length, parsed, &error));
  g_assert_no_error (error);
  text = _mysql_binlog_gtid_set_to_string (parsed);
  g_assert_cmpstr (text, ==, UUID_A ":1-3:alpha:5:beta:1-2");
  g_assert_true (_mysql_binlog_gtid_set_contains (parsed, set));
  g_assert_true (_mysql_binlog_gtid_set_contains (set, parsed));
}

static void
test_gtid_events (void)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = NULL;
  guint8 uuid[16];
  guint64 gno = 0;
  guint8 flags = 1;

  /* GTID_LOG_EVENT: flags, UUID, number, then the logical clock */
  g_byte_array_append (body, &flags, 1);
  g_byte_array_append (body, uuid_a, 16);
  test_util_put_u64 (body, 42);
  g_byte_array_append (body, (const guint8 *) "\x02", 1);
  test_util_put_u64 (body, 0);
  test_util_put_u64 (body, 1);
  g_assert_true (_mysql_binlog_gtid_parse_mysql_event (33, body->data, body->len, uuid, &tag,
                                                       &gno, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (uuid, 16, uuid_a, 16);
  g_assert_cmpuint (gno, ==, 42);
  g_assert_null (tag);

  g_assert_false (_mysql_binlog_gtid_parse_mysql_event (33, body->data, 20, uuid, &tag, &gno,
                                                        &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_clear_error (&error);

  /* GTID_TAGGED_LOG_EVENT (MySQL 8.4): version 2, size, last
   * non-ignorable field, then numbered fields. */
  {
    g_autoptr(GByteArray) fields = g_byte_array_new ();
    g_autoptr(GByteArray) event = g_byte_array_new ();
    guint8 version = 2;

    put_varlen (fields, 0);        /* flags */
    put_varlen (fields, 1);
    put_varlen (fields, 1);        /* uuid: 16 integers */
    for (guint i = 0; i < 16; i++)
      put_varlen (fields, uuid_a[i]);
    put_varlen (fields, 2);        /* gno, zigzag */
    put_varlen (fields, 7 << 1);
    put_varlen (fields, 3);        /* tag */
    put_varlen (fields, 5);
    g_byte_array_append (fields, (const guint8 *) "alpha", 5);
    put_varlen (fields, 4);        /* last committed */
    put_varlen (fields, 6);
    put_varlen (fields, 12);       /* an ignorable field this version does not know */
    put_varlen (fields, 0);

    g_byte_array_append (event, &version, 1);
    /* size = version + this byte + the next + fields */
    put_varlen (event, 1 + 1 + 1 + fields->len);
    put_varlen (event, 11);
    g_byte_array_append (event, fields->data, fields->len);
    /* a checksum-like tail beyond the size is ignored */
    g_byte_array_append (event, (const guint8 *) "\xde\xad", 2);

    g_assert_true (_mysql_binlog_gtid_parse_mysql_event (42, event->data, event->len, uuid,
                                                         &tag, &gno, &error));
    g_assert_no_error (error);
    g_assert_cmpmem (uuid, 16, uuid_a, 16);
    g_assert_cmpuint (gno, ==, 7);
    g_assert_cmpstr (tag, ==, "alpha");
    g_clear_pointer (&tag, g_free);

    /* Cut short anywhere: an error. */
    for (guint length = 0; length < event->len - 2; length++)
      {
        g_assert_false (_mysql_binlog_gtid_parse_mysql_event (42, event->data, length, uuid,
                                                              &tag, &gno, &error));
        g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
        g_assert_null (tag);
        g_clear_error (&error);
      }
  }
}

static void
test_mariadb_gtid_list (void)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(MysqlBinlogGtidSet) set = _mysql_binlog_gtid_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  test_util_put_u32 (body, 2);
  test_util_put_u32 (body, 1);      /* domain */
  test_util_put_u32 (body, 10);     /* server */
  test_util_put_u64 (body, 7);      /* sequence */
  test_util_put_u32 (body, 0);
  test_util_put_u32 (body, 1);
  test_util_put_u64 (body, 3584);

  g_assert_true (_mysql_binlog_gtid_parse_mariadb_list (body->data, body->len, set, &error));
  g_assert_no_error (error);
  text = _mysql_binlog_gtid_set_to_string (set);
  g_assert_cmpstr (text, ==, "0-1-3584,1-10-7");

  g_assert_false (_mysql_binlog_gtid_parse_mariadb_list (body->data, body->len - 1, set, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gtid/previous-gtids/untagged", test_previous_gtids_untagged);
  g_test_add_func ("/gtid/previous-gtids/tagged", test_previous_gtids_tagged);
  g_test_add_func ("/gtid/mysql-events", test_gtid_events);
  g_test_add_func ("/gtid/mariadb-list", test_mariadb_gtid_list);

  return g_test_run ();
}
