import type { Generated } from 'kysely';

/** Kysely's view of the tables created by the migrations. Keep in step with them. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface OutletTable {
  id: Generated<number>;
  name: string;
  city: string;
  province: string;
  /** The import that added it; null for the chain's own and those added in Settings. */
  import_id: number | null;
  district: string | null;
}

export interface CategoryTable {
  id: number;
  code: 'fresh' | 'dry' | 'luxury' | 'other';
  name: string;
}

export interface ImportTable {
  id: Generated<number>;
  kind: 'demo' | 'file';
  source_name: string;
  content_hash: string | null;
  rows_read: number;
  rows_imported: number;
  first_sale: string | null;
  last_sale: string | null;
  started_at: string;
  finished_at: string;
  shape: string | null;
  /** JSON of the import's summary. */
  summary: string | null;
}

export interface ProductTable {
  id: Generated<number>;
  code: string;
  name: string;
  category_id: number;
  unit_price_cents: number | null;
  /** The catalogue import that created it; null for products from sales lines or the demo. */
  import_id: number | null;
}

export interface CustomerTable {
  id: Generated<number>;
  code: string;
  age: number | null;
  gender: 'F' | 'M' | 'X' | null;
  home_outlet_id: number | null;
  joined_on: string | null;
  import_id: number | null;
}

export interface SalesLineTable {
  id: Generated<number>;
  import_id: number;
  sold_at: string;
  basket: string | null;
  customer_id: number | null;
  outlet_id: number;
  product_id: number | null;
  category_id: number;
  quantity: number;
  /** Null when the export had no price or amount for the line: unknown, never zero. */
  amount_cents: number | null;
  line_key: number | null;
}

export interface CustomerSpendTable {
  customer_id: number;
  import_id: number;
  outlet_id: number;
  /** Null when the cell could not be read (unknown, not zero). */
  fresh_cents: number | null;
  dry_cents: number | null;
  luxury_cents: number | null;
  /** Null when the export had no such column (unknown, not zero); likewise the fields below. */
  other_cents: number | null;
  visits: number | null;
  /** 'YYYY-MM-DD' */
  first_purchase: string | null;
  last_purchase: string | null;
  segment_label: string | null;
}

export interface SalesDailyTable {
  day: string;
  outlet_id: number;
  category_id: number;
  lines: number;
  /** Of the valued lines only. */
  amount_cents: number;
  /** Sum of quantities (returns negative). */
  items: Generated<number>;
  /** Lines without a value. */
  unvalued: Generated<number>;
}

export interface ImportErrorTable {
  import_id: number;
  row_number: number;
  column_name: string | null;
  value: string | null;
  reason: string;
}

export interface OutletAliasTable {
  spelling: string;
  outlet_id: number | null;
  rejected: 0 | 1;
}

export interface CategoryRuleTable {
  source: string;
  category_id: number;
}

export interface ColumnMappingTable {
  id: Generated<number>;
  name: string;
  shape: string;
  header_signature: string;
  mapping: string;
  updated_at: string;
}

export interface ModelVersionTable {
  id: Generated<number>;
  created_at: string;
  window_from: string;
  window_to: string;
  k: number;
  labels_from: 'kmeans' | 'import';
  customers: number;
  seed: number;
  model: string;
  quality: string;
  timings: string;
  reference: string;
  previous_id: number | null;
  transitions: string | null;
  active: number;
  /** What customers were measured by: money, or items when lines in the window had no value. */
  measure: Generated<'money' | 'items'>;
}

export interface SegmentTable {
  model_id: number;
  segment: number;
  name: string;
  named_by: 'generated' | 'user' | 'carried';
  customers: number;
  profile: string;
  traits: string;
  campaign: string;
}

export interface CustomerSegmentTable {
  customer_id: number;
  model_id: number;
  segment: number;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  rfm_segment: string | null;
  last_day: number | null;
  spend: number | null;
  fresh: number | null;
  dry: number | null;
  luxury: number | null;
  visits: number | null;
  outlets: string | null;
  /** Items bought in the window (sum of quantities), in total and per category. */
  items: number | null;
  fresh_items: number | null;
  dry_items: number | null;
  luxury_items: number | null;
}

export interface ModelDriftTable {
  id: Generated<number>;
  model_id: number;
  measured_at: string;
  import_id: number | null;
  report: string;
  retrain: number;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'administrator' | 'marketingLead' | 'marketingExecutive';
  password_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: number | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  detail: string;
  /** How many times the same refusal came within a minute of the one before (1 for every other entry). */
  repeats: Generated<number>;
  last_at: string | null;
}

export interface ReportTable {
  id: Generated<number>;
  title: string;
  segment_name: string;
  model_id: number;
  segment: number;
  filters: string;
  filter_words: string;
  format: 'pdf' | 'xlsx';
  rows: string;
  customers: number;
  path: string;
  size: number;
  version: number;
  created_by: string;
  created_at: string;
  /** The account that made it; NULL when unknown (before migration 11, or the command line). */
  created_by_user_id: number | null;
}

export interface DB {
  meta: MetaTable;
  outlets: OutletTable;
  categories: CategoryTable;
  imports: ImportTable;
  products: ProductTable;
  customers: CustomerTable;
  sales_lines: SalesLineTable;
  customer_spend: CustomerSpendTable;
  sales_daily: SalesDailyTable;
  import_errors: ImportErrorTable;
  outlet_aliases: OutletAliasTable;
  category_rules: CategoryRuleTable;
  column_mappings: ColumnMappingTable;
  model_versions: ModelVersionTable;
  segments: SegmentTable;
  customer_segments: CustomerSegmentTable;
  model_drift: ModelDriftTable;
  users: UserTable;
  audit_log: AuditLogTable;
  reports: ReportTable;
}
