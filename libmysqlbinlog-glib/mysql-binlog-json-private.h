/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-value-text-private.h"

G_BEGIN_DECLS

/*
 * MySQL's binary JSON, as JSON text.  It knows no column, only the bytes
 * of a JSON value's payload (after the length prefix).
 */

/* MySQL's binary JSON document at @data, as JSON text.  Malformed documents
 * give "null" (and a debug message). */
char                *_mysql_binlog_json_to_string      (const guint8            *data,
                                                        gsize                    length);

/* The same, written into @out. */
void                 _mysql_binlog_json_write          (const guint8            *data,
                                                        gsize                    length,
                                                        MysqlBinlogTextSink     *out);

/* The payload of a partial JSON update (the diffs of
 * binlog_row_value_options=PARTIAL_JSON, without the length prefix) as a
 * JSON array of {"op": "replace"|"insert"|"remove", "path": "$...",
 * "value": ...} objects, in order; NULL when it is malformed. */
char                *_mysql_binlog_json_diff_to_string (const guint8            *data,
                                                        gsize                    length);
/* The same, written into @out; FALSE, with nothing written, when it is
 * malformed. */
gboolean             _mysql_binlog_json_diff_write     (const guint8            *data,
                                                        gsize                    length,
                                                        MysqlBinlogTextSink     *out);

G_END_DECLS
