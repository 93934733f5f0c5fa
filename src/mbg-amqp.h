/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A RabbitMQ publisher with publisher confirms.
 *
 * Every message is published persistent to one exchange and kept until the
 * broker confirmed it.  When the connection breaks, the publisher
 * reconnects with a growing delay and publishes again everything the broker
 * had not confirmed, in order, so a message is never lost (it may arrive
 * twice after a broker failure).  Messages carry the caller's sequence
 * number: mbg_amqp_get_oldest_unconfirmed() tells up to where everything is
 * safe on the broker.
 *
 * Not thread-safe: the caller serialises the calls.
 */
typedef struct _MbgAmqp MbgAmqp;

MbgAmqp  *mbg_amqp_new                     (const char  *url,
                                            const char  *exchange,
                                            const char  *queue,
                                            const int   *stopping,
                                            GError     **error);
void      mbg_amqp_free                    (MbgAmqp     *amqp);

gboolean  mbg_amqp_connect                 (MbgAmqp     *amqp,
                                            GError     **error);
gboolean  mbg_amqp_publish                 (MbgAmqp     *amqp,
                                            guint64      seq,
                                            const char  *routing_key,
                                            const char  *body,
                                            GError     **error);
gboolean  mbg_amqp_poll                    (MbgAmqp     *amqp,
                                            GError     **error);
gboolean  mbg_amqp_flush                   (MbgAmqp     *amqp,
                                            guint        timeout_ms,
                                            GError     **error);
guint64   mbg_amqp_get_oldest_unconfirmed  (MbgAmqp     *amqp);
guint     mbg_amqp_get_n_unconfirmed       (MbgAmqp     *amqp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbgAmqp, mbg_amqp_free)

G_END_DECLS
