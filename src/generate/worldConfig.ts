// Behavioural parameters of the synthetic retail world. Defaults are calibrated so that a customer
// averages ~50 order lines over 24 months (1M customers ≈ 50M lines, the issue-3 scale target).

export type Lifecycle = 'new' | 'active' | 'loyal' | 'dormant' | 'seasonal' | 'churned';
export const LIFECYCLES: Lifecycle[] = ['new', 'active', 'loyal', 'dormant', 'seasonal', 'churned'];

export interface WorldConfig {
  /** Share of customers per lifecycle, in LIFECYCLES order (normalised). */
  lifecycleShares: number[];
  /** Mean shopping trips per month of an 'active' non-member (customer rates are Gamma(2)-spread around it). */
  tripsPerMonth: number;
  /** Trip-rate multiplier of 'loyal' customers. */
  loyalRateFactor: number;
  /** Activity multiplier of 'dormant' customers after they go dormant. */
  dormantFactor: number;
  /** Trip-rate multipliers of 'seasonal' customers in Nov–Dec and in the other months. */
  seasonalPeakFactor: number;
  seasonalOffFactor: number;
  /** Probability of membership per lifecycle (LIFECYCLES order): loyal customers are mostly members. */
  memberShareByLifecycle: number[];
  /** Trip-rate and basket-size multipliers of members (members buy more). */
  memberRateFactor: number;
  memberBasketFactor: number;
  /** Mean basket size (lines per trip) of a non-member; size = 1 + Poisson(mean − 1). */
  basketMean: number;
  /** Store-wide trip-rate multiplier per calendar month (Jan..Dec). */
  monthFactor: number[];
  /** Number of favourite categories per customer: 2 + Poisson(this). */
  extraFavourites: number;
  /** Dirichlet-ish concentration of the favourite weights: w ~ Gamma(this). */
  tasteConcentration: number;
  /** Share of basket items drawn from store-wide popularity instead of the customer's favourites. */
  backgroundShare: number;
  /** Zipf exponent of product popularity within a category (weight 1/rank^s). */
  productZipf: number;
  /** Zipf exponent of category popularity. */
  categoryZipf: number;
  /** Probability that an item in a favourite category is a product the customer already bought (consumables use repeatConsumable). */
  repeatDurable: number;
  repeatConsumable: number;
  /** Probability of sticking to the customer's favourite brand of a category. */
  brandLoyalty: number;
  /** Log-sd of a customer's personal repurchase-cycle multiplier and of each cycle's jitter. */
  cycleSigma: number;
  /** A due replenishment joins a trip within this many days; otherwise it becomes its own order. */
  replenishWindowDays: number;
  /** Probability that a due replenishment with no trip nearby becomes its own order (else it is bought elsewhere and comes due a cycle later). */
  standaloneReplenish: number;
  /** Probability that a purchased line is viewed in the 3 days before, and cart-added in the 2 hours before. */
  viewBeforeBuy: number;
  cartBeforeBuy: number;
  /** Browsing sessions (views without purchase) per trip, and the share ending in cart_add + cart_abandon. */
  browsePerTrip: number;
  abandonShare: number;
  /** Share of customers who pick up a new ("emerging") category during the window, and how many days of views precede it. */
  emergingShare: number;
  emergingLeadDays: number;
  /** Days between email campaigns; share of non-members subscribed (members always are); click-through given open. */
  emailEveryDays: number;
  nonMemberSubscribed: number;
  clickGivenOpen: number;
  /** Probability that a click leads to a trip within 2 days. */
  tripAfterClick: number;
  /** Number of offers and their validity range in days. */
  offers: number;
  offerMinDays: number;
  offerMaxDays: number;
  /** Share of purchase lines returned later (a separate 'R…' order with negative quantity). */
  returnRate: number;
}

export const defaultWorldConfig: WorldConfig = {
  lifecycleShares: [0.15, 0.3, 0.15, 0.15, 0.1, 0.15],
  tripsPerMonth: 0.42,
  loyalRateFactor: 2.5,
  dormantFactor: 0.12,
  seasonalPeakFactor: 4,
  seasonalOffFactor: 0.3,
  memberShareByLifecycle: [0.3, 0.35, 0.7, 0.25, 0.3, 0.2],
  memberRateFactor: 1.6,
  memberBasketFactor: 1.3,
  basketMean: 3,
  monthFactor: [0.85, 0.8, 0.9, 0.95, 1, 1, 0.95, 0.95, 1, 1.05, 1.25, 1.5],
  extraFavourites: 2,
  tasteConcentration: 0.8,
  backgroundShare: 0.15,
  productZipf: 1.0,
  categoryZipf: 0.8,
  repeatDurable: 0.1,
  repeatConsumable: 0.8,
  brandLoyalty: 0.6,
  cycleSigma: 0.2,
  replenishWindowDays: 4,
  standaloneReplenish: 0.5,
  viewBeforeBuy: 0.4,
  cartBeforeBuy: 0.25,
  browsePerTrip: 0.4,
  abandonShare: 0.2,
  emergingShare: 0.4,
  emergingLeadDays: 21,
  emailEveryDays: 14,
  nonMemberSubscribed: 0.4,
  clickGivenOpen: 0.2,
  tripAfterClick: 0.3,
  offers: 30,
  offerMinDays: 14,
  offerMaxDays: 42,
  returnRate: 0.01,
};
