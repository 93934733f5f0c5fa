/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-event.h"
#include "mysql-binlog-decoder-private.h"

G_BEGIN_DECLS

/* Copies the event's bytes.  The details are taken over (transfer full). */
/* @bytes: the event's bytes when they are at hand, shared; NULL: copied
 * from @info. */
MysqlBinlogEvent *_mysql_binlog_event_new (const MysqlBinlogEventInfo *info,
                                           GBytes                     *bytes,
                                           const char                 *log_file,
                                           guint64                     position,
                                           guint64                     next_position,
                                           char                       *schema,
                                           char                       *table,
                                           char                       *statement,
                                           char                       *gtid);

/* Lines that mysql_binlog_event_dump() adds, "Name: value\n" each; takes
 * @details.  Only before the event is delivered. */
void              _mysql_binlog_event_take_details (MysqlBinlogEvent *event,
                                                    char             *details);

G_END_DECLS
