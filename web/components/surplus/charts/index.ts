/**
 * The year-end report's charts: server-rendered SVG figures with captions and their figures
 * as tables, needing no script. Each takes fields of the report (functions/surplus/types.ts),
 * so a page can write `<Waterfall {...report} />`.
 */
export { AllocationDistribution, type AllocationDistributionProps } from './AllocationDistribution'
export { SurplusSplit, type SurplusSplitProps } from './SurplusSplit'
export { Waterfall, type WaterfallProps } from './Waterfall'
