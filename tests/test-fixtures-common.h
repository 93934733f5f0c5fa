/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

#include "test-util.h"

G_BEGIN_DECLS

/*
 * What the tests of the real binlog fixtures share: a file read to its
 * end, as a transcript of its rows, events and positions.
 */

/* What reading a file gave: one line per row, the events, the positions. */
typedef struct
{
  GString   *rows;
  GPtrArray *row_objects;   /* every row image, in order */
  GArray    *event_types;
  GPtrArray *positions;     /* "file:offset" */
  GArray    *rows_at;       /* the length of @rows at each position */
} Transcript;

void     transcript_clear    (Transcript *t);
gboolean read_file_path_from (const char *path,
                              MysqlBinlogPosition *start,
                              Transcript *t,
                              GError **error);
gboolean read_file_path_with (const char *path,
                              MysqlBinlogPosition *start,
                              MysqlBinlogSchemaUnknown mode,
                              Transcript *t,
                              GError **error);
/* The rows of a table the file holds no CREATE TABLE of (binlog_row_metadata
 * other than FULL) positional, as MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL
 * gives them. */
gboolean read_fixture_positional (const char *name,
                                  Transcript *t,
                                  GError **error);
gboolean read_file_path      (const char *path,
                              Transcript *t,
                              GError **error);
gboolean read_fixture        (const char *name,
                              Transcript *t,
                              GError **error);
guint    count_events        (Transcript *t,
                              guint type);

G_END_DECLS
