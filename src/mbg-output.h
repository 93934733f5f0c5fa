/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

#include "mbg-amqp.h"
#include "mbg-message.h"

G_BEGIN_DECLS

typedef struct _MbgOutput MbgOutput;

MbgOutput    *mbg_output_new                (void);
void          mbg_output_free               (MbgOutput          *output);
void          mbg_output_set_amqp           (MbgOutput          *output,
                                             MbgAmqp            *amqp);
void          mbg_output_set_stream         (MbgOutput          *output,
                                             MysqlBinlogStream  *stream);

void          mbg_output_message            (MbgMessage         *message,
                                             gpointer            output);
void          mbg_output_text               (MbgOutput          *output,
                                             const char         *text,
                                             gsize               length);
void          mbg_output_text_row           (MbgOutput          *output,
                                             const char         *what,
                                             MysqlBinlogRow     *before,
                                             MysqlBinlogRow     *row);
MbgSink      *mbg_output_get_sink           (MbgOutput          *output);
void          mbg_output_count              (MbgOutput          *output,
                                             guint               n_messages);
void          mbg_output_sync               (MbgOutput          *output);
void          mbg_output_poll               (MbgOutput          *output);
void          mbg_output_flush              (MbgOutput          *output,
                                             guint               timeout_ms);
void          mbg_output_fail               (MbgOutput          *output,
                                             GError             *error);

guint64       mbg_output_get_oldest_pending (MbgOutput          *output,
                                             guint64             sent);
gboolean      mbg_output_get_n_unconfirmed  (MbgOutput          *output,
                                             guint              *n_unconfirmed);
guint64       mbg_output_get_n_messages     (MbgOutput          *output);
const GError *mbg_output_get_error          (MbgOutput          *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbgOutput, mbg_output_free)

G_END_DECLS
