/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-column-private.h"

G_BEGIN_DECLS

/*
 * The text of DECIMAL, floating-point and temporal values as MySQL prints
 * them, written into a caller's buffer.  The value formatters and the JSON
 * decoder (whose opaque values hold DECIMAL and temporal values) use it.
 */

/* Room for the text of a number, DECIMAL, date, time, YEAR or short ENUM
 * member, nul included. */
#define MYSQL_BINLOG_VALUE_TEXT_SIZE 96

/* The longest DECIMAL text, nul included: 65 digits, a sign, a point and a
 * leading zero. */
#define MYSQL_BINLOG_DECIMAL_TEXT_SIZE 72

/* MySQL's binary DECIMAL(@precision, @scale) at @data, which must hold
 * _mysql_binlog_decimal_size() bytes, as MySQL prints it: written with its
 * nul into @buffer (MYSQL_BINLOG_DECIMAL_TEXT_SIZE bytes); returns its
 * length. */
gsize    _mysql_binlog_decimal_format         (char                    *buffer,
                                               const guint8            *data,
                                               guint                    precision,
                                               guint                    scale);
/* The same, appended to @out. */
void     _mysql_binlog_decimal_append         (GString                 *out,
                                               const guint8            *data,
                                               guint                    precision,
                                               guint                    scale);

/* The shortest text that reads back as the same float (@single) or double,
 * in the C locale, with the exponent written as MySQL writes it ("1e20",
 * "1.5e-7"), into @buffer (G_ASCII_DTOSTR_BUF_SIZE bytes). */
void     _mysql_binlog_double_format          (char                    *buffer,
                                               double                   value,
                                               gboolean                 single);
/* The same, as a new string. */
char    *_mysql_binlog_format_double          (double                   value,
                                               gboolean                 single);

/* The text of a YEAR, DATE, TIME, DATETIME or TIMESTAMP value (any of
 * their storage formats) written at @out, which has room for
 * MYSQL_BINLOG_VALUE_TEXT_SIZE bytes, without a nul; returns the end of
 * the text, or NULL for columns of other types.  Short values print as
 * zero dates and times. */
char    *_mysql_binlog_temporal_format        (const MysqlBinlogColumn *column,
                                               const guint8            *data,
                                               gsize                    length,
                                               char                    *out);

/* A date (@field_type DATE), a time (TIME) or a date and time (DATETIME,
 * TIMESTAMP) in MySQL's packed temporal integer, as binary JSON stores
 * them, with 6 fractional digits; the same contract as
 * _mysql_binlog_temporal_format(). */
char    *_mysql_binlog_packed_temporal_format (char                    *out,
                                               guint8                   field_type,
                                               gint64                   packed);

G_END_DECLS
