/** Name pools for the generated organisation (a diverse, international workforce). */
export const GIVEN_NAMES = [
  'Adele', 'Alex', 'Allan', 'Amara', 'Ana', 'Andrés', 'Anika', 'Arjun', 'Ayesha', 'Bea', 'Ben', 'Bianca', 'Carlos',
  'Chen', 'Chloe', 'Christie', 'Daniel', 'Diego', 'Elena', 'Emily', 'Enrico', 'Fatima', 'Felix', 'Grace', 'Hana',
  'Henrik', 'Isaiah', 'Isabel', 'Ivan', 'Jana', 'Jasmine', 'Johanna', 'Jonas', 'Joni', 'Kai', 'Keiko', 'Lars',
  'Laura', 'Lee', 'Leila', 'Lidia', 'Lucas', 'Lynne', 'Maja', 'Malik', 'Marta', 'Mateo', 'Megan', 'Miriam', 'Nestor',
  'Nia', 'Noah', 'Olga', 'Omar', 'Patti', 'Pradeep', 'Priya', 'Rafael', 'Ravi', 'Rosa', 'Ruth', 'Samir', 'Sara',
  'Sofia', 'Sven', 'Tariq', 'Tomás', 'Uma', 'Valentina', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe',
] as const;

export const SURNAMES = [
  'Adams', 'Ahmed', 'Almeida', 'Andersen', 'Bauer', 'Bianchi', 'Bowen', 'Brown', 'Castillo', 'Chen', 'Cohen', 'Costa',
  'Dubois', 'Eriksson', 'Fernández', 'Fischer', 'García', 'Gupta', 'Haddad', 'Hansen', 'Hoffman', 'Ito', 'Jensen',
  'Johnson', 'Kapoor', 'Kim', 'Kowalski', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Miller', 'Moreau', 'Müller',
  'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Schmidt', 'Silva',
  'Singh', 'Smith', 'Sousa', 'Suzuki', 'Tanaka', 'Thompson', 'Torres', 'Varga', 'Wagner', 'Walker', 'Wang', 'Weber',
  'Wilson', 'Yamamoto', 'Young', 'Zhang',
] as const;

export const EXTERNAL_ORGS = [
  { name: 'Fabrikam', domain: 'fabrikam.example', kind: 'customer' },
  { name: 'Northwind Traders', domain: 'northwind.example', kind: 'customer' },
  { name: 'Adatum', domain: 'adatum.example', kind: 'customer' },
  { name: 'Tailspin Toys', domain: 'tailspin.example', kind: 'customer' },
  { name: 'Woodgrove Bank', domain: 'woodgrove.example', kind: 'customer' },
  { name: 'Litware', domain: 'litware.example', kind: 'partner' },
  { name: 'Proseware', domain: 'proseware.example', kind: 'partner' },
] as const;
