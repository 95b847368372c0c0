// The frame of the signed-out pages (sign-up, login, password reset): a narrow card, its title, the
// content, and the links to the neighbouring pages.
import type { ReactNode } from 'react';
import { Link } from 'wouter';

export function AuthCard({ title, links = [], children }: { title: string; links?: [href: string, label: string][]; children: ReactNode }) {
  return (
    <section className="card narrow">
      <h1>{title}</h1>
      {children}
      {links.map(([href, label]) => (
        <p key={href}>
          <Link href={href}>{label}</Link>
        </p>
      ))}
    </section>
  );
}
