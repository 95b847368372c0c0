import { addIndex, createTable, DataTypes, dropTables, fk, id, now, nullableDate, timestamps, type MigrationFn } from './helpers';

// Paid courses (issue 13). Why each table exists:
// - orders: one purchase of one course by one learner, with the amount due in the currency's minor
//   unit (XOF has none: an integer of francs), the provider that collects it and its reference.
//   Courses keep their DECIMAL price as the schema document says; the order copies it at checkout
//   (list_amount) so that a later price change does not rewrite what was paid. Double payment is
//   made impossible by `live_key` = "<user>:<course>" while the order is pending or paid (NULL
//   otherwise) under a unique index: a second checkout for the same course cannot even be created.
//   (provider, provider_reference) is unique too: one provider transaction pays one order.
//   `reference` is ours, printed on transfer instructions and receipts; `receipt_number` is given
//   when the order becomes paid (sequential-looking, unique).
// - payment_events: every notification or decision about an order (provider webhooks, admin
//   confirmation, rejection, refund), kept as the audit log. (provider, event_id) is unique: a
//   webhook delivered five times is recorded, and acted on, once.
// - vouchers: sponsor codes created by an admin or a course's instructor; course_id NULL means any
//   course. kind 'full' pays the whole price, 'percent' takes percent_off off. used_count moves only
//   through a conditional UPDATE (used_count < max_uses), which is what holds N uses under
//   concurrency; a CHECK keeps it within bounds whatever the code does.
// - voucher_redemptions: who used which code for which order (the sponsor report); one use of a
//   code per learner (unique voucher_id, user_id).

const TABLES = ['voucher_redemptions', 'payment_events', 'orders', 'vouchers'];

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const int = (defaultValue?: number) => ({ type: DataTypes.INTEGER, allowNull: false, ...(defaultValue === undefined ? {} : { defaultValue }) });

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(
    qi,
    'vouchers',
    {
      id: id(),
      code: str(40),
      course_id: fk('courses', 'CASCADE', true),
      kind: str(10),
      percent_off: { type: DataTypes.INTEGER, allowNull: true },
      max_uses: int(),
      used_count: int(0),
      expires_at: nullableDate(),
      sponsor_name: str(150),
      created_by: fk('users', 'SET NULL', true),
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...timestamps(qi),
    },
    {
      chk_vouchers_kind: "kind IN ('full', 'percent')",
      chk_vouchers_percent: "(kind = 'full' AND percent_off IS NULL) OR (kind = 'percent' AND percent_off BETWEEN 1 AND 99)",
      chk_vouchers_uses: 'max_uses >= 1 AND used_count >= 0 AND used_count <= max_uses',
    },
  );
  await addIndex(qi, 'vouchers', ['code'], 'unique_voucher_code', { unique: true });
  await addIndex(qi, 'vouchers', ['course_id'], 'idx_course');

  await createTable(
    qi,
    'orders',
    {
      id: id(),
      reference: str(20),
      user_id: fk('users', 'CASCADE', false),
      course_id: fk('courses', 'RESTRICT', false),
      list_amount: int(),
      discount_amount: int(0),
      amount: int(),
      currency: str(3),
      status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'pending' },
      provider: str(10),
      provider_reference: str(100, true),
      voucher_id: fk('vouchers', 'SET NULL', true),
      live_key: str(40, true),
      receipt_number: str(20, true),
      paid_at: nullableDate(),
      failed_at: nullableDate(),
      cancelled_at: nullableDate(),
      refunded_at: nullableDate(),
      decided_by: fk('users', 'SET NULL', true),
      note: str(500, true),
      ...timestamps(qi),
    },
    {
      chk_orders_status: "status IN ('pending', 'paid', 'failed', 'cancelled', 'refunded')",
      chk_orders_provider: "provider IN ('fedapay', 'transfer', 'voucher')",
      chk_orders_amounts: 'amount >= 0 AND discount_amount >= 0 AND amount + discount_amount = list_amount',
    },
  );
  await addIndex(qi, 'orders', ['reference'], 'unique_order_reference', { unique: true });
  await addIndex(qi, 'orders', ['live_key'], 'unique_order_live', { unique: true });
  await addIndex(qi, 'orders', ['provider', 'provider_reference'], 'unique_order_provider_ref', { unique: true });
  await addIndex(qi, 'orders', ['receipt_number'], 'unique_order_receipt', { unique: true });
  // My orders; the admin list by status; revenue per course and month.
  await addIndex(qi, 'orders', ['user_id', 'id'], 'idx_user');
  await addIndex(qi, 'orders', ['status', 'id'], 'idx_status');
  await addIndex(qi, 'orders', ['course_id', 'status', 'paid_at'], 'idx_course_paid');

  await createTable(qi, 'payment_events', {
    id: id(),
    order_id: fk('orders', 'CASCADE', true),
    provider: str(10),
    event_id: str(100),
    event_type: str(50),
    payload: { type: DataTypes.TEXT, allowNull: true },
    actor_id: fk('users', 'SET NULL', true),
    created_at: now(),
  });
  await addIndex(qi, 'payment_events', ['provider', 'event_id'], 'unique_payment_event', { unique: true });
  await addIndex(qi, 'payment_events', ['order_id', 'id'], 'idx_order');

  await createTable(qi, 'voucher_redemptions', {
    id: id(),
    voucher_id: fk('vouchers', 'CASCADE', false),
    user_id: fk('users', 'CASCADE', false),
    order_id: fk('orders', 'CASCADE', false),
    course_id: fk('courses', 'CASCADE', false),
    created_at: now(),
  });
  await addIndex(qi, 'voucher_redemptions', ['voucher_id', 'user_id'], 'unique_redemption', { unique: true });
  await addIndex(qi, 'voucher_redemptions', ['order_id'], 'idx_order');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, TABLES);
};
