/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <mysqlbinlog-glib.h>

#include "test-server.h"
#include "test-util.h"

G_BEGIN_DECLS

/*
 * What the parts of test-stream share: the one server of the program, a
 * capture of the signals of a run, SQL and variant helpers.
 */

/* The server of this test program, started once by test-stream.c. */
extern TestServer *server;
/* The server writes binlog_row_image=MINIMAL (MYSQL_BINLOG_TEST_SERVER_OPTIONS). */
extern gboolean row_image_minimal;
/* The server compresses its events (--log-bin-compress=ON). */
extern gboolean log_bin_compress;

#define N_METADATA_MODES 3
extern const char *metadata_modes[N_METADATA_MODES];

typedef enum
{
  KIND_INSERT,
  KIND_UPDATE,
  KIND_DELETE,
  KIND_POSITION,
} Kind;

typedef struct
{
  Kind                 kind;
  MysqlBinlogRow      *row;    /* the row, or the before image of an update */
  MysqlBinlogRow      *after;
  MysqlBinlogPosition *position;
} Signal;

typedef struct
{
  GPtrArray *signals;
  GPtrArray *events;
} Capture;

/* Capturing the signals of a run */
void               signal_free             (Signal *signal);
Capture           *capture_new             (void);
void               capture_free            (Capture *capture);
void               capture_add             (Capture *capture,
                                            Kind kind,
                                            MysqlBinlogRow *row,
                                            MysqlBinlogRow *after,
                                            MysqlBinlogPosition *position);
void               on_rows_inserted        (MysqlBinlogStream *stream,
                                            MysqlBinlogRow *row,
                                            gpointer user_data);
void               on_rows_updated         (MysqlBinlogStream *stream,
                                            MysqlBinlogRow *before,
                                            MysqlBinlogRow *after,
                                            gpointer user_data);
void               on_rows_deleted         (MysqlBinlogStream *stream,
                                            MysqlBinlogRow *row,
                                            gpointer user_data);
void               on_binlog_position      (MysqlBinlogStream *stream,
                                            MysqlBinlogPosition *position,
                                            gpointer user_data);
void               on_binlog               (MysqlBinlogStream *stream,
                                            MysqlBinlogEvent *event,
                                            gpointer user_data);
void               capture_connect         (Capture *capture,
                                            MysqlBinlogStream *stream);
MysqlBinlogStream *new_stream_at           (MysqlBinlogPosition *start);
Capture           *capture_run             (MysqlBinlogStream *stream);
Capture           *capture_from            (MysqlBinlogPosition *start);
gboolean           row_is_table            (MysqlBinlogRow *row,
                                            const char *schema,
                                            const char *table);
GPtrArray         *capture_rows            (Capture *capture,
                                            Kind kind,
                                            const char *schema,
                                            const char *table);
guint              capture_count           (Capture *capture,
                                            Kind kind);
Signal            *capture_last_position   (Capture *capture);

/* SQL on the server, asserted to succeed */
void               exec                    (const char *sql);
void               execf                   (const char *format,
                                            ...) G_GNUC_PRINTF (1,
                                            2);
char              *query_value             (const char *sql);
GBytes            *query_bytes             (const char *sql);

/* The tables shop.orders, shop.items and shop.audit of the row and run tests */
void               setup_shop              (void);

/* Assertions */
void               assert_row_values       (MysqlBinlogRow *row,
                                            const char *expected);
void               assert_variant_equal    (GVariant *actual,
                                            GVariant *expected,
                                            const char *what);
GVariant          *parse_variant           (const char *text);
void               assert_contains_ci      (const char *haystack,
                                            const char *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Capture, capture_free)

/* Each part registers its tests. */
void               test_stream_types_add   (void);
void               test_stream_rows_add    (void);
void               test_stream_filters_add (void);
void               test_stream_run_add     (void);
void               test_stream_errors_add  (void);

G_END_DECLS
