import type { CategoryCode } from '../../../shared/domain';

export interface DemoProduct {
  code: string;
  name: string;
  category: Exclude<CategoryCode, 'other'>;
  /** Shelf price in LKR (2026). */
  price: number;
}

type Row = [name: string, price: number];

const fresh: Row[] = [
  ['Tomatoes 1kg', 450], ['Carrots 1kg', 380], ['Green beans 1kg', 520], ['Leeks 1kg', 300],
  ['Cabbage 1kg', 250], ['Potatoes 1kg', 340], ['Big onions 1kg', 320], ['Red onions 1kg', 600],
  ['Green chillies 250g', 220], ['Ambul bananas 1kg', 280], ['Papaya 1kg', 260], ['Pineapple (each)', 450],
  ['Karthakolomban mangoes 1kg', 700], ['King coconut (each)', 150], ['Coconut (each)', 180],
  ['Eggs (10 pack)', 550], ['Fresh milk 1L', 480], ['Buffalo curd 900ml', 650], ['Whole chicken 1kg', 1450],
  ['Chicken breast 500g', 1100], ['Seer fish 1kg', 3600], ['Tuna 1kg', 2400], ['Prawns 500g', 1900],
  ['Fresh sprats 500g', 700], ['Sandwich bread loaf', 180], ['Set yoghurt 80g', 90], ['Pumpkin 1kg', 200],
  ['Gotukola bunch', 80], ['Limes 250g', 150], ['Brinjals 1kg', 420],
];

const dry: Row[] = [
  ['Samba rice 5kg', 1250], ['Nadu rice 5kg', 1100], ['Keeri samba rice 5kg', 1500], ['Red raw rice 5kg', 1150],
  ['Wheat flour 1kg', 240], ['White sugar 1kg', 260], ['Red dhal 1kg', 380], ['Chickpeas 500g', 420],
  ['Green gram 500g', 480], ['Soya meat 100g', 120], ['Coconut oil 1L', 950], ['Milk powder 400g', 1150],
  ['Milk powder 1kg', 2800], ['Ceylon black tea 400g', 1050], ['Instant coffee 100g', 1200],
  ['Marie biscuits 350g', 320], ['Cream crackers 500g', 520], ['Instant noodles (5 pack)', 650],
  ['Canned mackerel 425g', 620], ['Salt 1kg', 140], ['Chilli powder 250g', 550], ['Curry powder 250g', 600],
  ['Turmeric 100g', 280], ['Black pepper 100g', 450], ['Dried sprats 250g', 650], ['Maldive fish 100g', 900],
  ['Soap bars (4 pack)', 480], ['Washing powder 1kg', 720], ['Toilet paper (10 rolls)', 1100],
  ['Toothpaste 120g', 310],
];

const luxury: Row[] = [
  ['Imported cheddar 200g', 2400], ['Swiss milk chocolate 100g', 1600], ['Belgian chocolate box 250g', 4800],
  ['Single-origin coffee beans 250g', 3200], ['Silver tips white tea 50g', 6500], ['Sparkling grape juice 750ml', 2900],
  ['Extra virgin olive oil 500ml', 3800], ['Smoked salmon 100g', 4200], ['Imported apples 1kg', 1800],
  ['Imported grapes 500g', 2200], ['Premium cashew nuts 400g', 3500], ['Almonds 250g', 2100],
  ['Macadamia nuts 200g', 3900], ['Kithul treacle 750ml', 1800], ['Wild bee honey 500g', 2600],
  ['Fragrance gift set', 14500], ['Premium body lotion 400ml', 3200], ['Imported basmati rice 5kg', 4800],
  ['Cupcake gift box', 2200], ['Premium ice cream 1L', 2100], ['Festive gift hamper', 12500],
  ['Aged cheddar 250g', 3100], ['Butter cookies tin', 2800], ['Dark chocolate 70% 100g', 1450],
  ['Sparkling water (6 pack)', 2400], ['Frozen beef steak 500g', 3900], ['Lamb chops 500g', 4500],
  ['Truffle oil 100ml', 3600], ['Parmesan 150g', 2700], ['Dates gift box 500g', 2300],
];

function build(category: DemoProduct['category'], prefix: string, rows: Row[]): DemoProduct[] {
  return rows.map(([name, price], i) => ({
    code: `${prefix}${String(i + 1).padStart(3, '0')}`,
    name,
    category,
    price,
  }));
}

export const demoProducts: readonly DemoProduct[] = [
  ...build('fresh', 'FR', fresh),
  ...build('dry', 'DR', dry),
  ...build('luxury', 'LX', luxury),
];
