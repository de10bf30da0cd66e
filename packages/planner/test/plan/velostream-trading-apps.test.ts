import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Schema, SqlTypes, VeloError, type SqlType } from '@velots/core';
import { parse } from '@velots/sql-parser';
import { describe, expect, it } from 'vitest';
import { AppPlanner } from '../../src/index.js';

/** Velostream's five demo/trading/apps/*.sql, unchanged, next to the demo's configs/ (Kafka and table YAML). */
const APPS = fileURLToPath(new URL('./fixtures/velostream-trading/apps/', import.meta.url));

const TYPES: Readonly<Record<string, SqlType>> = { S: SqlTypes.STRING, B: SqlTypes.BIGINT, D: SqlTypes.DOUBLE, T: SqlTypes.TIMESTAMP };

/** `'symbol S, volume B'`: a schema from names and one-letter types (STRING, BIGINT, DOUBLE, TIMESTAMP). */
function schemaOf(fields: string): Schema {
  return Schema.of(...fields.split(',').map((f): [string, SqlType] => {
    const [name, type] = f.trim().split(' ');
    return [name!, TYPES[type!]!];
  }));
}

// The demo's schemas/*.schema.yaml (integer → BIGINT, float/decimal → DOUBLE, string → STRING) and the header and
// first row of its data/*.csv tables (dates → TIMESTAMP).
const marketData = schemaOf('symbol S, exchange S, timestamp B, price D, bid_price D, ask_price D, bid_size B, ask_size B, volume B, vwap D, market_cap B');
const SCHEMAS: Readonly<Record<string, Schema>> = {
  in_market_data_stream: marketData,
  in_market_data_stream_a: marketData,
  in_market_data_stream_b: marketData,
  market_data_ts: marketData,
  in_order_book_stream: schemaOf('symbol S, exchange S, timestamp B, side S, price D, quantity B, order_count B, update_type S, level B, total_volume B, sequence_number B'),
  in_trading_positions_stream: schemaOf(
    'trader_id S, account_id S, symbol S, position_size B, entry_price S, current_pnl S, unrealized_pnl S, realized_pnl S, position_value S, margin_used S, timestamp B, last_update_source S',
  ),
  instrument_reference: schemaOf(
    'symbol S, instrument_name S, isin_code S, exchange S, tick_size D, lot_size B, trading_venue S, settlement_currency S, margin_requirement D, position_limit B, restricted_trading_hours S',
  ),
  instrument_schedules: schemaOf('schedule_id S, symbol S, exchange S, market_status S, session_type S, session_start S, session_end S, timezone S, effective_date T, expiry_date T'),
  regulatory_watchlist: schemaOf('watchlist_id S, symbol S, trader_id S, restriction_type S, effective_date T, expiry_date T, reason S, escalation_recipient S, severity S'),
  trading_halts: schemaOf('halt_id S, symbol S, exchange S, halt_status S, halt_start_time T, halt_end_time T, halt_reason S, regulatory_authority S, duration_minutes B'),
  firm_limits: schemaOf(
    'firm_id S, firm_name S, firm_notional_limit B, firm_total_exposure B, max_concentration_ratio D, max_single_position B, daily_loss_hard_limit B, risk_governance_level S, effective_date T',
  ),
  trader_limits: schemaOf(
    'trader_id S, trader_name S, role_name S, desk_id S, trader_notional_limit B, daily_loss_limit B, concentration_limit D, max_positions B, authorized_instruments S, risk_level S, effective_date T',
  ),
};

/**
 * Plans each statement of an app in order: its job name, or the error code and line it stopped at. A Kafka topic
 * an earlier statement of the app writes (app_risk reads back trading_positions_ts) has that statement's schema.
 */
async function planEach(app: string): Promise<string[]> {
  const written = new Map<string, Schema>();
  const file = `${APPS}${app}.sql`;
  const script = parse(readFileSync(file, 'utf8'), { file });
  const planner = new AppPlanner(script, {
    file,
    baseDir: APPS,
    env: {},
    resolveSource: async (request) => {
      const schema = SCHEMAS[request.name] ?? written.get(request.name);
      if (!schema) throw new Error(`no schema for ${request.name}`);
      return schema;
    },
  });
  const outcomes: string[] = [];
  for (const statement of script.statements) {
    try {
      const plan = await planner.plan(statement);
      if (plan.kind === 'job') written.set(plan.job.name, plan.job.schema);
      outcomes.push(plan.kind === 'job' ? plan.job.name : plan.kind);
    } catch (error) {
      if (!(error instanceof VeloError)) throw error;
      outcomes.push(`${error.code} at line ${error.position?.line}: ${error.message}`);
    }
  }
  return outcomes;
}

describe("Velostream's trading demo apps plan unchanged", () => {
  it('app_market_data', async () => {
    expect(await planEach('app_market_data')).toEqual(['market_data_ts', 'tick_buckets', 'enriched_market_data']);
  });

  it('app_price_analytics', async () => {
    expect(await planEach('app_price_analytics')).toEqual(['price_movement_alerts', 'price_stats']);
  });

  it('app_trading_signals', async () => {
    expect(await planEach('app_trading_signals')).toEqual(['volume_spike_analysis', 'order_flow_imbalance', 'arbitrage_detection']);
  });

  it('app_compliance', async () => {
    expect(await planEach('app_compliance')).toEqual(['compliant_market_data', 'active_hours_market_data']);
  });

  it('app_risk: its two jobs that compare current_pnl (a decimal string in the demo schema) with a number stop with a positioned TYPE_MISMATCH', async () => {
    expect(await planEach('app_risk')).toEqual([
      'trading_positions_ts',
      "TYPE_MISMATCH at line 219: cannot compare STRING with BIGINT in '<'; use CAST to convert one side",
      "TYPE_MISMATCH at line 284: cannot compare STRING with BIGINT in '<='; use CAST to convert one side",
    ]);
  });
});
