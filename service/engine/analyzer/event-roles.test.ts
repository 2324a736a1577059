import { describe, expect, it } from 'vitest';
import { EventDefSchema } from '../../../taxonomy/model.ts';
import { roleOf } from './event-roles.ts';

const role = (name: string, category = '') => roleOf(EventDefSchema.parse({ name, category }));

describe('roleOf', () => {
  it('reads roles from names', () => {
    expect(role('ta_app_start')).toBe('session_start');
    expect(role('sign_up')).toBe('register');
    expect(role('join_guild')).not.toBe('register');
    expect(role('tutorial_step2')).toBe('onboarding');
    expect(role('add_to_cart')).toBe('add_to_cart');
    expect(role('add_to_wishlist')).not.toBe('add_to_cart');
    expect(role('level_up')).toBe('level_up');
  });

  it('counts only succeeded payments as payments', () => {
    expect(role('iap_purchase_complete', '결제')).toBe('payment');
    expect(role('iap_purchase_start', '결제')).toBe('checkout');
    expect(role('iap_purchase_fail', '결제')).toBe('payment_failed');
    expect(role('remove_from_cart', 'purchase')).toBe('cart_remove');
    expect(role('subscription_cancel', 'monetization')).toBe('order_undone');
    expect(role('trial_start', 'monetization')).toBe('trial_start');
    expect(role('subscription_start', 'monetization')).toBe('payment');
    expect(role('order_refund')).toBe('order_undone');
  });

  it('tells the steps that fail or undo a purchase from the purchase', () => {
    for (const name of ['payment_fail', 'payment_failed', 'purchase_failure', 'order_fail', 'checkout_error', 'iap_fail']) expect(role(name), name).toBe('payment_failed');
    for (const name of ['order_cancel', 'order_cancelled', 'cancel_order', 'refund', 'refund_request', 'purchase_refund', 'return_item']) expect(role(name), name).toBe('order_undone');
    for (const name of ['remove_from_cart', 'cart_remove', 'remove_from_bag']) expect(role(name), name).toBe('cart_remove');
    for (const name of ['push_open', 'push_click', 'notification_open', 'open_push']) expect(role(name), name).toBe('push_open');
    // Failures that are not about money stay errors.
    expect(role('login_fail')).not.toBe('payment_failed');
    expect(role('app_error')).toBe('error');
  });
});
