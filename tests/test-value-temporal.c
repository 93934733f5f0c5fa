/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mysql-binlog-error.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-table-private.h"
#include "mysql-binlog-value-private.h"

#include "test-value-common.h"

/*
 * DATE, TIME, DATETIME and TIMESTAMP values, new and old formats.
 */

/* Dates and times
 * ----------------------------------------------------------------------- */

static void
test_date (void)
{
  ColumnSpec date = { "d", MYSQL_BINLOG_COLUMN_TYPE_DATE, 0, FALSE, NULL, NULL };
  ColumnSpec newdate = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDATE, 0, FALSE, NULL, NULL };

  /* (2024 << 9) | (2 << 5) | 29 = 0x0fd05d */
  assert_single (&date, BYTES (0x5d, 0xd0, 0x0f), "2024-02-29", "'2024-02-29'");
  assert_single (&newdate, BYTES (0x5d, 0xd0, 0x0f), "2024-02-29", "'2024-02-29'");
  assert_single (&date, BYTES (0x00, 0x00, 0x00), "0000-00-00", "'0000-00-00'");
  /* 9999-12-31 */
  assert_single (&date, BYTES (0x9f, 0x1f, 0x4e), "9999-12-31", "'9999-12-31'");
  /* 1000-01-01 */
  assert_single (&date, BYTES (0x21, 0xd0, 0x07), "1000-01-01", "'1000-01-01'");
}

static void
test_time2 (void)
{
  ColumnSpec fsp0 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 0, FALSE, NULL, NULL };
  ColumnSpec fsp1 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 1, FALSE, NULL, NULL };
  ColumnSpec fsp2 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 2, FALSE, NULL, NULL };
  ColumnSpec fsp3 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 3, FALSE, NULL, NULL };
  ColumnSpec fsp4 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 4, FALSE, NULL, NULL };
  ColumnSpec fsp5 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 5, FALSE, NULL, NULL };
  ColumnSpec fsp6 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 6, FALSE, NULL, NULL };

  /* hms = (838 << 12) | (59 << 6) | 59 = 0x346efb, offset by 0x800000 */
  assert_single (&fsp0, BYTES (0xb4, 0x6e, 0xfb), "838:59:59", "'838:59:59'");
  assert_single (&fsp0, BYTES (0x4b, 0x91, 0x05), "-838:59:59", "'-838:59:59'");
  assert_single (&fsp0, BYTES (0x80, 0x00, 0x00), "00:00:00", "'00:00:00'");
  /* 12:34:56 = 0xc8b8 */
  assert_single (&fsp0, BYTES (0x80, 0xc8, 0xb8), "12:34:56", "'12:34:56'");
  assert_single (&fsp0, BYTES (0x7f, 0x37, 0x48), "-12:34:56", "'-12:34:56'");

  /* -00:00:01.5: integer part -2, fraction byte 0x100 - 50 */
  assert_single (&fsp1, BYTES (0x7f, 0xff, 0xfe, 0xce), "-00:00:01.5", "'-00:00:01.5'");
  assert_single (&fsp1, BYTES (0x80, 0x00, 0x01, 0x32), "00:00:01.5", "'00:00:01.5'");
  /* -00:00:01.00: no fraction to borrow */
  assert_single (&fsp2, BYTES (0x7f, 0xff, 0xff, 0x00), "-00:00:01.00", "'-00:00:01.00'");
  /* -00:00:00.01: the first disk value below zero */
  assert_single (&fsp2, BYTES (0x7f, 0xff, 0xff, 0xff), "-00:00:00.01", "'-00:00:00.01'");
  assert_single (&fsp2, BYTES (0x80, 0xc8, 0xb8, 0x0c), "12:34:56.12", "'12:34:56.12'");

  /* -01:00:00.250: integer part -4097, fraction 0x10000 - 2500 */
  assert_single (&fsp3, BYTES (0x7f, 0xef, 0xff, 0xf6, 0x3c), "-01:00:00.250", "'-01:00:00.250'");
  assert_single (&fsp3, BYTES (0x80, 0xc8, 0xb8, 0x04, 0xce), "12:34:56.123", "'12:34:56.123'");
  assert_single (&fsp4, BYTES (0x80, 0xc8, 0xb8, 0x04, 0xd2), "12:34:56.1234", "'12:34:56.1234'");

  /* fsp 5 and 6: six bytes, the packed value offset by 0x800000000000 */
  assert_single (&fsp5, BYTES (0x80, 0xc8, 0xb8, 0x01, 0xe2, 0x3a), "12:34:56.12345", "'12:34:56.12345'");
  assert_single (&fsp6, BYTES (0x80, 0xc8, 0xb8, 0x01, 0xe2, 0x40), "12:34:56.123456", "'12:34:56.123456'");
  assert_single (&fsp6, BYTES (0x7f, 0xff, 0xff, 0xff, 0xff, 0xff), "-00:00:00.000001", "'-00:00:00.000001'");
  assert_single (&fsp6, BYTES (0x4b, 0x91, 0x04, 0xf0, 0xbd, 0xc1), "-838:59:59.999999",
                 "'-838:59:59.999999'");
}

static void
test_datetime2 (void)
{
  static const struct {
    guint fsp;
    guint8 fraction[3];
    const char *expected;
  } fractions[] = {
    { 0, { 0 }, "2024-02-29 13:45:00" },
    { 1, { 10 }, "2024-02-29 13:45:00.1" },
    { 2, { 12 }, "2024-02-29 13:45:00.12" },
    { 3, { 0x04, 0xce }, "2024-02-29 13:45:00.123" },
    { 4, { 0x04, 0xd2 }, "2024-02-29 13:45:00.1234" },
    { 5, { 0x01, 0xe2, 0x3a }, "2024-02-29 13:45:00.12345" },
    { 6, { 0x01, 0xe2, 0x40 }, "2024-02-29 13:45:00.123456" },
  };
  /* ((2024 * 13 + 2) << 22 | 29 << 17 | 13 << 12 | 45 << 6) + 0x8000000000 */
  static const guint8 integer[5] = { 0x99, 0xb2, 0xba, 0xdb, 0x40 };

  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      ColumnSpec spec = { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, fractions[i].fsp, FALSE, NULL, NULL };
      g_autoptr(MysqlBinlogRow) row = NULL;
      g_autofree char *quoted = g_strdup_printf ("'%s'", fractions[i].expected);
      guint8 bytes[8];

      memcpy (bytes, integer, 5);
      memcpy (bytes + 5, fractions[i].fraction, (fractions[i].fsp + 1) / 2);
      row = single (&spec, bytes, 5 + (fractions[i].fsp + 1) / 2);
      assert_cell (row, 0, fractions[i].expected, quoted);
    }

  {
    ColumnSpec fsp0 = { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, 0, FALSE, NULL, NULL };
    ColumnSpec fsp6 = { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, 6, FALSE, NULL, NULL };

    assert_single (&fsp0, BYTES (0x80, 0x00, 0x00, 0x00, 0x00), "0000-00-00 00:00:00",
                   "'0000-00-00 00:00:00'");
    assert_single (&fsp6, BYTES (0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
                   "0000-00-00 00:00:00.000000", "'0000-00-00 00:00:00.000000'");
    assert_single (&fsp0, BYTES (0xfe, 0xf3, 0xff, 0x7e, 0xfb), "9999-12-31 23:59:59",
                   "'9999-12-31 23:59:59'");
  }
}

static void
test_timestamp2 (void)
{
  ColumnSpec fsp0 = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 0, FALSE, NULL, NULL };
  ColumnSpec fsp1 = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 1, FALSE, NULL, NULL };
  ColumnSpec fsp3 = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 3, FALSE, NULL, NULL };
  ColumnSpec fsp6 = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 6, FALSE, NULL, NULL };
  const char *tz = g_getenv ("TZ");
  g_autofree char *saved_tz = g_strdup (tz);

  /* Whatever the local time zone, TIMESTAMP values are UTC. */
  g_setenv ("TZ", "Pacific/Kiritimati", TRUE);
  tzset ();

  /* 1709214300 = 2024-02-29 13:45:00 UTC, big-endian */
  assert_single (&fsp0, BYTES (0x65, 0xe0, 0x8a, 0x5c), "2024-02-29 13:45:00",
                 "'2024-02-29 13:45:00'");
  assert_single (&fsp1, BYTES (0x65, 0xe0, 0x8a, 0x5c, 90), "2024-02-29 13:45:00.9",
                 "'2024-02-29 13:45:00.9'");
  assert_single (&fsp3, BYTES (0x65, 0xe0, 0x8a, 0x5c, 0x04, 0xce), "2024-02-29 13:45:00.123",
                 "'2024-02-29 13:45:00.123'");
  assert_single (&fsp6, BYTES (0x65, 0xe0, 0x8a, 0x5c, 0x0f, 0x42, 0x3f),
                 "2024-02-29 13:45:00.999999", "'2024-02-29 13:45:00.999999'");
  assert_single (&fsp0, BYTES (0x00, 0x00, 0x00, 0x01), "1970-01-01 00:00:01",
                 "'1970-01-01 00:00:01'");
  assert_single (&fsp0, BYTES (0x7f, 0xff, 0xff, 0xff), "2038-01-19 03:14:07",
                 "'2038-01-19 03:14:07'");
  assert_single (&fsp0, BYTES (0xff, 0xff, 0xff, 0xff), "2106-02-07 06:28:15",
                 "'2106-02-07 06:28:15'");
  /* zero is the zero date, not the epoch */
  assert_single (&fsp0, BYTES (0x00, 0x00, 0x00, 0x00), "0000-00-00 00:00:00",
                 "'0000-00-00 00:00:00'");
  assert_single (&fsp6, BYTES (0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
                 "0000-00-00 00:00:00.000000", "'0000-00-00 00:00:00.000000'");

  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

static void
test_old_temporal (void)
{
  ColumnSpec timestamp = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP, 0, FALSE, NULL, NULL };
  ColumnSpec datetime = { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATETIME, 0, FALSE, NULL, NULL };
  ColumnSpec time = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME, 0, FALSE, NULL, NULL };

  /* little-endian seconds */
  assert_single (&timestamp, BYTES (0x5c, 0x8a, 0xe0, 0x65), "2024-02-29 13:45:00",
                 "'2024-02-29 13:45:00'");
  assert_single (&timestamp, BYTES (0, 0, 0, 0), "0000-00-00 00:00:00", "'0000-00-00 00:00:00'");
  /* 20240229134500 as a little-endian integer */
  assert_single (&datetime, BYTES (0xa4, 0xf0, 0xaa, 0x8b, 0x68, 0x12, 0x00, 0x00),
                 "2024-02-29 13:45:00", "'2024-02-29 13:45:00'");
  assert_single (&datetime, BYTES (0, 0, 0, 0, 0, 0, 0, 0), "0000-00-00 00:00:00",
                 "'0000-00-00 00:00:00'");
  /* HHMMSS as a signed 24-bit integer: -8385959 */
  assert_single (&time, BYTES (0x59, 0x0a, 0x80), "-838:59:59", "'-838:59:59'");
  /* 123456 */
  assert_single (&time, BYTES (0x40, 0xe2, 0x01), "12:34:56", "'12:34:56'");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/date", test_date);
  g_test_add_func ("/value/time2", test_time2);
  g_test_add_func ("/value/datetime2", test_datetime2);
  g_test_add_func ("/value/timestamp2", test_timestamp2);
  g_test_add_func ("/value/old-temporal", test_old_temporal);

  return g_test_run ();
}
